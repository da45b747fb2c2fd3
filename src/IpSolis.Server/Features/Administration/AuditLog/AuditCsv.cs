using System.Globalization;
using System.Text;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Administration.AuditLog;

/// <summary>
/// The CSV form of audit rows (RFC 4180). A cell a spreadsheet would run as a formula (starting with = + - @, or a
/// tab or carriage return that some spreadsheets skip before one) gets a leading apostrophe: audit values come
/// from users and must stay text when an auditor opens the export.
/// </summary>
public static class AuditCsv
{
    public const string Header = "sequence,occurred_at,actor,action,entity_type,entity_id,classification,client_ip,old_values,new_values,previous_hash,hash";

    public static string Line(AuditEntry row)
    {
        var line = new StringBuilder(256);
        line.Append(row.Sequence.ToString(CultureInfo.InvariantCulture)).Append(',');
        line.Append(row.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)).Append(',');
        foreach (var value in new[] { row.Actor, row.Action, row.EntityType, row.EntityId, row.Classification, row.ClientIp, row.OldValues, row.NewValues, row.PreviousHash })
            line.Append(Cell(value)).Append(',');
        line.Append(Cell(row.Hash));
        return line.ToString();
    }

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
