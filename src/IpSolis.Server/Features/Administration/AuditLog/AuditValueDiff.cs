using System.Text.Json;

namespace IpSolis.Server.Features.Administration.AuditLog;

/// <summary>Old and new values of an audit row side by side, property by property, for the viewer's diff.</summary>
public sealed record AuditValueDiff(string Property, string? Old, string? New)
{
    public bool Changed => !string.Equals(Old, New, StringComparison.Ordinal);

    public static IReadOnlyList<AuditValueDiff> Between(string? oldJson, string? newJson)
    {
        var before = Properties(oldJson);
        var after = Properties(newJson);
        var names = before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal);
        return [.. names.Select(name => new AuditValueDiff(name, before.GetValueOrDefault(name), after.GetValueOrDefault(name)))];
    }

    // An object shows as its properties; anything else (an array, a bare value) as one line called "value".
    private static Dictionary<string, string?> Properties(string? json)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
            return result;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                result["value"] = Show(document.RootElement);
                return result;
            }

            foreach (var property in document.RootElement.EnumerateObject())
                result[property.Name] = Show(property.Value);
        }
        catch (JsonException)
        {
            result["value"] = json;
        }

        return result;
    }

    private static string? Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
