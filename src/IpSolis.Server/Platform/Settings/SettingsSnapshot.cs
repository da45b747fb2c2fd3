namespace IpSolis.Server.Platform.Settings;

/// <summary>
/// The stored settings at one moment, secrets already decrypted. Immutable and shared by every reader until the
/// store reloads, so reading a setting costs a dictionary lookup.
/// </summary>
public sealed class SettingsSnapshot(IReadOnlyDictionary<string, string?> values, IReadOnlySet<string> unreadableSecrets)
{
    public static readonly SettingsSnapshot Empty = new(new Dictionary<string, string?>(), new HashSet<string>());

    public T Get<T>(SettingDefinition<T> definition) => definition.Read(values.GetValueOrDefault(definition.Key));

    /// <summary>Whether a value is stored (rather than the default in effect).</summary>
    public bool IsSet(ISettingDefinition definition) => values.ContainsKey(definition.Key) || unreadableSecrets.Contains(definition.Key);

    /// <summary>A secret that is stored but does not decrypt with the current <c>API_SECRET_KEY</c>: it must be entered again.</summary>
    public bool IsUnreadable(ISettingDefinition definition) => unreadableSecrets.Contains(definition.Key);

    /// <summary>The stored text of a non-secret setting, for forms and the API.</summary>
    public string? Text(ISettingDefinition definition) =>
        definition.Kind == SettingKind.Secret ? null : values.GetValueOrDefault(definition.Key);
}
