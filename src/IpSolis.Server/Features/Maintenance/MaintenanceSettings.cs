using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Maintenance;

/// <summary>The settings of the Maintenance tab: maintenance mode and the backup schedule and retention.</summary>
public static class MaintenanceSettings
{
    public const string Group = "maintenance";

    /// <summary>Cluster-wide: stored in the database, so every node refuses new work within the settings cache time.</summary>
    public static readonly SettingDefinition<bool> Enabled = SettingDefinitions.Boolean(
        "maintenance.enabled", false, "Maintenance mode",
        "While on, new orders and approval decisions are refused with 503 and a Retry-After header on every node; reads and work already running go on, and the portal shows a banner. A restore turns it on by itself.",
        Group);

    public static readonly SettingDefinition<int> RetryAfterSeconds = SettingDefinitions.Integer(
        "maintenance.retry_after_seconds", 300, 5, 86400, "Retry-After while in maintenance (seconds)",
        "What refused clients are told to wait before trying again.", Group);

    public static readonly IReadOnlyList<ISettingDefinition> All = [Enabled, RetryAfterSeconds];
}
