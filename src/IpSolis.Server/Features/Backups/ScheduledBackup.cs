using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Backups;

/// <summary>
/// <c>backups.schedule</c>, every minute on the scheduler leader: takes a backup when the <c>backup.schedule_cron</c>
/// setting (read in <c>backup.time_zone</c>) ticked within the minute before this job was fired, then applies
/// retention, encrypting the backup with <c>backup.schedule_passphrase</c> when it is set. The schedule is a setting,
/// not a code schedule, so operators change it on the settings page.
/// </summary>
internal sealed partial class ScheduledBackup(Backups backups, SettingsStore settings, ILogger<ScheduledBackup> logger) : IJobHandler
{
    public const string Kind = "backups.schedule";

    public static readonly RecurringJob Schedule = new("backups.schedule", "* * * * *", "UTC", Kind);

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var snapshot = await settings.CurrentAsync(cancellationToken);
        if (!snapshot.Get(BackupSettings.ScheduleEnabled))
            return;
        if (CronSchedule.TryParse(snapshot.Get(BackupSettings.ScheduleCron), snapshot.Get(BackupSettings.ScheduleTimeZone).Id, out var cron) is not null)
            return;
        // The job was fired at the top of a minute: due when the backup cron ticks in (fired - 1 min, fired].
        var firedAt = new DateTimeOffset(job.CreatedAt.UtcDateTime.Ticks - job.CreatedAt.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        if (cron!.Next(firedAt.AddMinutes(-1)) is not { } tick || tick > firedAt)
            return;

        var passphrase = snapshot.Get(BackupSettings.SchedulePassphrase) is { Length: > 0 } secret ? secret : null;
        var result = await backups.CreateAsync(Backups.ScheduledTrigger, passphrase, AuditActor.System(Kind), progress: null, cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException(result.Errors[0].Message);
        LogScheduledBackup(logger, result.Value.Name);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled backup {Name} taken")]
    private static partial void LogScheduledBackup(ILogger logger, string name);
}
