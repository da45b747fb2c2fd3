namespace IpSolis.Server.Platform.Settings;

/// <summary>What a save did: the keys that changed, or (and then nothing was saved) what is wrong, by key.</summary>
public sealed record SettingsSaveResult(IReadOnlyList<string> Changed, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
