namespace IpSolis.Server.Platform.Settings;

/// <summary>
/// A typed runtime setting: its key, default, how stored text becomes a <typeparamref name="T"/> and how entered
/// text is checked. Features declare theirs as static fields (see <see cref="GeneralSettings"/>), register them
/// with <c>services.AddSetting(...)</c> and read them with <see cref="SettingsStore.GetAsync{T}"/>.
/// </summary>
public sealed class SettingDefinition<T> : ISettingDefinition
{
    private readonly Func<string, T> _read;
    private readonly Func<string, SettingInput> _check;
    private readonly Func<string?, string?>? _auditText;

    public SettingDefinition(
        string key,
        T defaultValue,
        Func<string, T> read,
        Func<string, SettingInput> check,
        string label,
        string description = "",
        string group = "general",
        SettingKind kind = SettingKind.Plain,
        string? defaultText = null,
        Func<string?, string?>? auditText = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        Default = defaultValue;
        _read = read;
        _check = check;
        Label = label;
        Description = description;
        Group = group;
        Kind = kind;
        DefaultText = defaultText;
        _auditText = auditText;
    }

    public string Key { get; }

    public T Default { get; }

    public string Label { get; }

    public string Description { get; }

    public string Group { get; }

    public SettingKind Kind { get; }

    public string? DefaultText { get; }

    /// <summary>The value of stored text; the default when the text no longer reads (a value saved by an older version).</summary>
    public T Read(string? stored)
    {
        if (stored is null)
            return Default;
        try
        {
            return _read(stored);
        }
        catch (FormatException)
        {
            return Default;
        }
    }

    public SettingInput Check(string text) => _check(text);

    public string? AuditText(string? stored) => _auditText is null ? stored : _auditText(stored);

    public override string ToString() => Key;
}
