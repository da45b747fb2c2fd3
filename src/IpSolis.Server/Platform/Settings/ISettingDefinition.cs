namespace IpSolis.Server.Platform.Settings;

/// <summary>What the store, the settings pages and the API need to know of any setting, whatever its type.</summary>
public interface ISettingDefinition
{
    /// <summary>Dotted key, like <c>app.title</c>.</summary>
    string Key { get; }

    string Label { get; }

    string Description { get; }

    /// <summary>The settings tab it appears on, like <c>general</c>.</summary>
    string Group { get; }

    SettingKind Kind { get; }

    /// <summary>The default as stored text, or null when the default is "not set".</summary>
    string? DefaultText { get; }

    /// <summary>Checks and normalizes entered text: the text to store, or a message saying what is wrong.</summary>
    SettingInput Check(string text);

    /// <summary>What the audit log shows for a stored value (secrets never reach this).</summary>
    string? AuditText(string? stored);
}
