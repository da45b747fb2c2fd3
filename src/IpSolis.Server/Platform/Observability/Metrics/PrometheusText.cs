using System.Globalization;
using System.Text;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>
/// The pieces of the Prometheus text exposition format 0.0.4: metric and label names, escaped label values and
/// HELP text, and sample values. Kept apart from the collector so the escaping rules can be tested on their own.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>
    /// A metric or label name from an OpenTelemetry-style instrument or tag name: every character outside
    /// <c>[a-zA-Z0-9_]</c> (dots, dashes) becomes <c>_</c>, and a leading digit gets a <c>_</c> in front.
    /// Colons are reserved for recording rules, so they are replaced too.
    /// </summary>
    public static string Name(string raw)
    {
        var name = new StringBuilder(raw.Length + 1);
        foreach (var c in raw)
            name.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' ? c : '_');
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
            name.Insert(0, '_');
        return name.ToString();
    }

    /// <summary>A label value between double quotes: backslash, double quote and line feed are escaped.</summary>
    public static void AppendLabelValue(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append(@"\n"); break;
                default: text.Append(c); break;
            }
        }
    }

    /// <summary>HELP text: backslash and line feed are escaped (a double quote is not, by the format's rules).</summary>
    public static string Help(string help) =>
        help.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    /// <summary>A sample value: integers without a decimal point, others round-trippable, and Go's spellings of infinity and NaN.</summary>
    public static string Value(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsPositiveInfinity(value))
            return "+Inf";
        if (double.IsNegativeInfinity(value))
            return "-Inf";
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>The label set <c>a="x",b="y"</c> (without braces) of <paramref name="labels"/>, in the given order.</summary>
    public static string Labels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            if (text.Length > 0)
                text.Append(',');
            text.Append(name).Append("=\"");
            AppendLabelValue(text, value);
            text.Append('"');
        }

        return text.ToString();
    }
}
