namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// What the settings form of a runbook's page changes: everything but its steps and its binding (asset type and
/// action, which <see cref="RunbookAdministration.EditSettingsAsync"/> keeps as they are). An empty cron expression
/// with <paramref name="ScheduleEnabled"/> off is a runbook run by hand; a cron expression with the schedule off is
/// kept, so a schedule can be paused and resumed without retyping it.
/// </summary>
public sealed record RunbookSettings(
    string? Name, string? Description, bool IsActive, string? CronExpression, string? TimeZone, bool ScheduleEnabled, bool SkipIfRunning);
