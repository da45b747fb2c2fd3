using System.Text.Json;

namespace IpSolis.Domain.Runbooks;

/// <summary>
/// How a script's exit code and standard output become a step result: exit 0 and one JSON object on stdout (its
/// last non-empty line; earlier lines are log) is success, unless the object says <c>"success": false</c>. Every
/// top-level member becomes an output value (strings as they are, other values as JSON text). <c>"stop_run": true</c>
/// asks the run to stop (with <c>"stop_reason"</c>). A non-zero exit is a failure with stderr (or the object's
/// <c>"error"</c>) as the reason.
/// </summary>
public sealed record ScriptResult(bool Succeeded, IReadOnlyDictionary<string, string> Outputs, bool StopRun, string? Error)
{
    public static ScriptResult Interpret(int exitCode, string stdout, string stderr)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var last = (stdout ?? "").Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
        string? jsonError = null;
        var parsed = false;
        if (last is not null && last.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(last);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    outputs[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : property.Value.GetRawText();
                }

                parsed = true;
            }
            catch (JsonException ex)
            {
                jsonError = $"The last line of output is not a JSON object: {ex.Message}";
            }
        }

        var stop = outputs.TryGetValue("stop_run", out var s) && s == "true";
        var error = outputs.TryGetValue("error", out var e) && e.Length > 0 && e != "null" ? e : null;
        if (exitCode != 0)
        {
            var reason = error ?? (string.IsNullOrWhiteSpace(stderr) ? $"Exit code {exitCode}." : $"Exit code {exitCode}: {Tail(stderr)}");
            return new ScriptResult(false, outputs, false, reason);
        }

        if (!parsed)
            return new ScriptResult(false, outputs, false, jsonError ?? "The script printed no JSON object (print one JSON object as the last line of stdout).");
        if (outputs.TryGetValue("success", out var success) && success == "false")
            return new ScriptResult(false, outputs, false, error ?? "The script reported success: false.");
        return new ScriptResult(true, outputs, stop, null);
    }

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length <= 2000 ? text : "…" + text[^2000..];
    }
}
