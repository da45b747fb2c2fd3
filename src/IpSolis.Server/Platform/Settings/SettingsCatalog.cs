namespace IpSolis.Server.Platform.Settings;

/// <summary>Every setting the running features declared (with <c>services.AddSetting</c>), by key.</summary>
public sealed class SettingsCatalog
{
    private readonly Dictionary<string, ISettingDefinition> _byKey = new(StringComparer.Ordinal);

    public SettingsCatalog(IEnumerable<ISettingDefinition> definitions)
    {
        foreach (var definition in definitions)
        {
            if (_byKey.TryGetValue(definition.Key, out var existing))
            {
                if (!ReferenceEquals(existing, definition))
                    throw new InvalidOperationException($"Two settings are declared with the key '{definition.Key}'.");
                continue;
            }

            _byKey.Add(definition.Key, definition);
        }

        All = [.. _byKey.Values.OrderBy(d => d.Group, StringComparer.Ordinal).ThenBy(d => d.Key, StringComparer.Ordinal)];
    }

    public IReadOnlyList<ISettingDefinition> All { get; }

    public ISettingDefinition? Find(string key) => _byKey.GetValueOrDefault(key);

    public IEnumerable<ISettingDefinition> InGroup(string group) => All.Where(d => d.Group == group);
}
