using IpSolis.Server.Features.Maintenance;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Backups;

/// <summary>The backup schedule and retention, on the Maintenance settings tab.</summary>
public static class BackupSettings
{
    public static readonly SettingDefinition<bool> ScheduleEnabled = SettingDefinitions.Boolean(
        "backup.enabled", false, "Scheduled backups",
        "Take a backup on the schedule below, encrypted with the passphrase below when one is set.",
        MaintenanceSettings.Group);

    public static readonly SettingDefinition<string> ScheduleCron = SettingDefinitions.Text(
        "backup.schedule_cron", "0 2 * * *", "Backup schedule (cron)",
        "Five fields: minute hour day month weekday, read in the time zone below.", MaintenanceSettings.Group, 100,
        text => CronSchedule.TryParse(text, "UTC", out _) is { } problem ? $"The backup schedule {problem}" : null);

    public static readonly SettingDefinition<TimeZoneInfo> ScheduleTimeZone = SettingDefinitions.TimeZone(
        "backup.time_zone", "UTC", "Backup schedule time zone", "The IANA zone the schedule is read in (like Europe/Berlin).", MaintenanceSettings.Group);

    public static readonly SettingDefinition<int> KeepLast = SettingDefinitions.Integer(
        "backup.keep_last", 14, 0, 10000, "Backups to keep",
        "After each backup, older backups beyond this many are deleted. 0 keeps every backup.", MaintenanceSettings.Group);

    /// <summary>Encrypts scheduled backups; stored sealed like every secret setting, and never shown again.</summary>
    public static readonly SettingDefinition<string?> SchedulePassphrase = SettingDefinitions.Secret(
        "backup.schedule_passphrase", "Scheduled backup passphrase",
        "When set, scheduled backups are encrypted with it (AES-256-GCM). Keep a copy outside this server: a backup "
        + "cannot be restored without its passphrase, and a restored database brings back the passphrase it held.",
        MaintenanceSettings.Group, 1024);

    public static readonly IReadOnlyList<ISettingDefinition> All = [ScheduleEnabled, ScheduleCron, ScheduleTimeZone, KeepLast, SchedulePassphrase];
}
