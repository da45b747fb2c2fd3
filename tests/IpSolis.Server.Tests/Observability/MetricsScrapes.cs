using System.Text.RegularExpressions;

namespace IpSolis.Server.Tests.Observability;

/// <summary>Reads figures out of a Prometheus text exposition.</summary>
internal static partial class MetricsScrapes
{
    /// <summary>The value of the sample <paramref name="name"/> whose labels include every one of <paramref name="labels"/>, summed over matches; 0 when none.</summary>
    public static double Sum(string exposition, string name, params (string Name, string Value)[] labels)
    {
        double sum = 0;
        foreach (var line in exposition.Split('\n'))
        {
            var match = SampleLine().Match(line);
            if (!match.Success || match.Groups["name"].Value != name)
                continue;
            var text = match.Groups["labels"].Value;
            if (labels.All(l => text.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
                sum += double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        return sum;
    }

    /// <summary>Every sample name the exposition can be queried by: each family, plus _bucket/_sum/_count of histograms.</summary>
    public static IReadOnlySet<string> Names(string exposition)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in TypeLine().Matches(exposition))
        {
            var name = match.Groups["name"].Value;
            names.Add(name);
            if (match.Groups["type"].Value == "histogram")
                names.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
        }

        return names;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"^# TYPE (?<name>\S+) (?<type>\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
