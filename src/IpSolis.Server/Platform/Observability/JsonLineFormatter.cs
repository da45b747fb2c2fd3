using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Observability;

/// <summary>
/// One JSON object per line: <c>time</c>, <c>level</c>, <c>category</c>, <c>message</c>, <c>traceId</c>,
/// <c>spanId</c>, then the event's structured values in camelCase (<c>method</c>, <c>path</c>, <c>status</c>,
/// <c>durationMs</c> for requests) and <c>exception</c>. Values whose names suggest a secret are masked, as a last
/// line of defence: the code never logs secrets or query strings on purpose.
/// </summary>
internal sealed class JsonLineFormatter : ConsoleFormatter
{
    public const string FormatterName = "ipsolis-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] SecretWords = ["password", "secret", "token", "apikey", "api_key", "authorization", "cookie", "credential"];

    public JsonLineFormatter(IOptions<ConsoleFormatterOptions> options)
        : base(FormatterName)
    {
        _ = options;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
            return;

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("time", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("level", Level(logEntry.LogLevel));
            writer.WriteString("category", logEntry.Category);
            writer.WriteString("message", message);
            if (Activity.Current is { } activity)
            {
                writer.WriteString("traceId", activity.TraceId.ToHexString());
                writer.WriteString("spanId", activity.SpanId.ToHexString());
            }

            if (logEntry.EventId.Id != 0)
                writer.WriteNumber("eventId", logEntry.EventId.Id);

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    if (key == "{OriginalFormat}")
                        continue;
                    WriteValue(writer, CamelCase(key), value);
                }
            }

            if (logEntry.Exception is { } exception)
                writer.WriteString("exception", exception.ToString());
            writer.WriteEndObject();
        }

        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        if (SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            writer.WriteString(name, "***");
            return;
        }

        switch (value)
        {
            case null:
                writer.WriteNull(name);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int or long or short or byte or uint or ulong or ushort:
                writer.WriteNumber(name, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                writer.WriteNumber(name, Math.Round(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), 3));
                break;
            default:
                writer.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string CamelCase(string key) =>
        key.Length == 0 || char.IsLower(key[0]) ? key : char.ToLowerInvariant(key[0]) + key[1..];

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "fatal",
        _ => "none",
    };
}
