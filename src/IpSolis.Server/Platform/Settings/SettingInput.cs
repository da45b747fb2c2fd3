namespace IpSolis.Server.Platform.Settings;

/// <summary>The outcome of checking entered text: the normalized text to store, or an error message.</summary>
public readonly record struct SettingInput(string? Stored, string? Error)
{
    public static SettingInput Valid(string stored) => new(stored, null);

    public static SettingInput Invalid(string error) => new(null, error);

    public bool IsValid => Error is null;
}
