using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace IpSolis.Server.Tests.Deployment;

/// <summary>Reads the files under deploy/ from the repository the tests were built from.</summary>
internal static partial class DeploymentFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string DeployDirectory => Path.Combine(RepositoryRoot, "deploy");

    public static string Read(string name) => File.ReadAllText(Path.Combine(DeployDirectory, name));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IpSolis.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (IpSolis.slnx) is not above the test output.");
    }

    public static YamlMappingNode Compose(string name)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Read(name));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlMappingNode? Mapping(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    public static YamlNode? Get(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Scalar(this YamlMappingNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static IReadOnlyList<string> Sequence(this YamlMappingNode node, string key) =>
        node.Get(key) is YamlSequenceNode sequence ? [.. sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? "")] : [];

    public static IEnumerable<string> Keys(this YamlMappingNode? node) =>
        node is null ? [] : node.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "");

    /// <summary>A service with the merge key (<c>&lt;&lt;: *anchor</c>) resolved: its own entries win.</summary>
    public static YamlMappingNode Service(YamlMappingNode compose, string name)
    {
        var service = compose.Mapping("services")?.Mapping(name) ?? throw new InvalidOperationException($"no service '{name}'");
        var merged = new YamlMappingNode();
        if (service.Get("<<") is YamlMappingNode template)
        {
            foreach (var (key, value) in template.Children)
                merged.Add(key, value);
        }

        foreach (var (key, value) in service.Children)
        {
            if (key is YamlScalarNode { Value: "<<" })
                continue;
            merged.Children[key] = value;
        }

        return merged;
    }

    /// <summary>The environment entries of a service, values as written (with <c>${...}</c> references).</summary>
    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (service.Get("environment"))
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                    result[((YamlScalarNode)key).Value!] = (value as YamlScalarNode)?.Value ?? "";
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? ""))
                {
                    var equals = item.IndexOf('=', StringComparison.Ordinal);
                    result[equals < 0 ? item : item[..equals]] = equals < 0 ? "" : item[(equals + 1)..];
                }

                break;
        }

        return result;
    }

    /// <summary>Replaces <c>${NAME}</c>, <c>${NAME:-default}</c> and <c>${NAME:?message}</c> as compose does.</summary>
    public static string Interpolate(string value, IReadOnlyDictionary<string, string> variables) =>
        Reference().Replace(value, match =>
        {
            var name = match.Groups["name"].Value;
            if (variables.TryGetValue(name, out var set) && set.Length > 0)
                return set;
            return match.Groups["op"].Value == ":-" ? match.Groups["arg"].Value : "";
        });

    public static IEnumerable<string> References(string value) =>
        Reference().Matches(value).Select(m => m.Groups["name"].Value);

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|:\?|-|\?)(?<arg>[^}]*))?\}")]
    private static partial Regex Reference();

    /// <summary>A small INI read of a systemd unit: section → key → values (a key may repeat).</summary>
    public static Dictionary<string, Dictionary<string, List<string>>> Unit(string name)
    {
        var sections = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        Dictionary<string, List<string>>? current = null;
        foreach (var raw in Read(name).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
                continue;
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = sections[line[1..^1]] = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is null || equals <= 0)
                throw new FormatException($"{name}: not a unit line: '{line}'");
            var key = line[..equals].Trim();
            if (!current.TryGetValue(key, out var values))
                current[key] = values = [];
            values.Add(line[(equals + 1)..].Trim());
        }

        return sections;
    }
}
