using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// <c>audit.retention</c>, daily: removes audit rows older than the <see cref="RetentionDays"/> setting through
/// <see cref="AuditRetention"/>, so the remaining chain still verifies. With the setting at 0 (the default) nothing is
/// ever removed.
/// </summary>
internal sealed class AuditRetentionJob(AuditRetention retention, SettingsStore settings, TimeProvider time) : IJobHandler
{
    public const string Kind = "audit.retention";

    public static readonly SettingDefinition<int> RetentionDays = SettingDefinitions.Integer(
        "audit.retention_days", 0, 0, 36500, "Audit log retention (days)",
        "Audit rows older than this are removed once a day; what remains still verifies. 0 keeps every row.");

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var days = await settings.GetAsync(RetentionDays, cancellationToken);
        if (days == 0)
            return;
        await retention.PruneAsync(time.GetUtcNow() - TimeSpan.FromDays(days), AuditActor.System(Kind), cancellationToken);
    }
}
