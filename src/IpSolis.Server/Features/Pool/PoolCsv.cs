using System.Globalization;
using System.Text;
using CsvHelper;
using IpSolis.Domain;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// Reads an import file into its header and records. UTF-8 (with or without a byte order mark) is required, checked
/// up front so a spreadsheet's legacy encoding is refused instead of turning accents into replacement characters.
/// The separator may be a comma, a semicolon (spreadsheets in many locales), a tab or a pipe. A record with broken
/// quoting is kept and marked, so the report points at its line instead of failing the whole file.
/// </summary>
internal static class PoolCsv
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Result<PoolCsvTable> Read(byte[] content, int maxRows)
    {
        try
        {
            _ = StrictUtf8.GetCharCount(content);
        }
        catch (DecoderFallbackException)
        {
            return new DomainError("pool_import.encoding", "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.", "file");
        }

        var malformed = new HashSet<long>();
        var options = new CsvReaderOptions
        {
            HasHeader = false, // the header is read as the first record and checked by PoolImportColumns
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = true,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record => malformed.Add(record.RecordNumber),
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        };
        var records = new List<PoolCsvRecord>();
        IReadOnlyList<string>? header = null;
        try
        {
            using var reader = CsvReader.Create(content, options);
            while (reader.Read())
            {
                var fields = new string[reader.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                    fields[i] = reader.GetString(i);
                var broken = malformed.Contains(reader.RowNumber);
                var line = checked((int)reader.LineNumber);
                if (header is null)
                {
                    if (broken)
                        return new DomainError("pool_import.header", "The quoting of the header line is broken.", "file");
                    header = fields;
                    continue;
                }

                if (records.Count == maxRows)
                    return new DomainError("pool_import.too_many_rows",
                        string.Create(CultureInfo.InvariantCulture, $"The file has more than {maxRows:N0} rows; split it into smaller files."), "file");
                records.Add(new PoolCsvRecord(line, fields, broken));
            }
        }
        catch (FormatException ex)
        {
            var line = ex is CsvFormatException csv ? csv.LineNumber : 0;
            return new DomainError("pool_import.unreadable",
                string.Create(CultureInfo.InvariantCulture, $"The file cannot be read as CSV near line {line}."), "file");
        }

        return new PoolCsvTable(header ?? [], records);
    }
}

/// <summary>A parsed import file: its header and its records in file order.</summary>
internal sealed record PoolCsvTable(IReadOnlyList<string> Header, IReadOnlyList<PoolCsvRecord> Records);

/// <param name="Line">The line the record starts on (the header is line 1).</param>
/// <param name="Malformed">The record's quoting is broken; its fields cannot be trusted.</param>
internal sealed record PoolCsvRecord(int Line, IReadOnlyList<string> Fields, bool Malformed);
