using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Security;

namespace IpSolis.Server.Features.Administration;

/// <summary>
/// <c>api_tokens.purge</c>, the purge policy as a daily recurring job: deletes tokens revoked or expired longer ago
/// than the Security setting "Purge ended API tokens after" (default <c>Access:TokenPurgeAfterDays</c>; 0 keeps
/// them). Fired once per tick by the scheduler leader, retried by the queue, visible and runnable on /ui/jobs.
/// </summary>
internal sealed partial class ApiTokenPurge(ApiTokens tokens, AccessPolicy access, ILogger<ApiTokenPurge> logger) : IJobHandler
{
    public const string Kind = "api_tokens.purge";

    public static readonly RecurringJob Schedule = new(Kind, "13 4 * * *", "UTC", Kind);

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var days = (await access.CurrentAsync(cancellationToken)).TokenPurgeAfterDays;
        if (days <= 0)
            return;
        var purged = await tokens.PurgeAsync(AuditActor.System(Kind), days, cancellationToken);
        if (purged > 0)
            LogPurged(logger, purged, days);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} API tokens revoked or expired more than {Days} days ago")]
    private static partial void LogPurged(ILogger logger, int count, int days);
}
