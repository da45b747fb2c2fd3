namespace IpSolis.Server.Platform.Settings;

/// <summary>One stored runtime setting. Absent rows mean "the default"; secret values are stored encrypted
/// (see <see cref="SettingSecretProtector"/>).</summary>
public sealed class Setting
{
    public required string Key { get; set; }

    public string? Value { get; set; }

    public bool IsSecret { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
