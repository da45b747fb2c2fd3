using IpSolis.Domain;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Observability;
using IpSolis.Server.Platform.Security;

namespace IpSolis.Server.Features.Administration;

/// <summary>
/// The purge policy: on scheduler nodes, every hour, deletes tokens revoked or expired longer ago than the Security
/// setting "Purge ended API tokens after" (default <c>Access:TokenPurgeAfterDays</c>; 0 keeps them). Running on
/// several nodes is harmless: a token is deleted once.
/// </summary>
internal sealed partial class ApiTokenPurge(
    ApiTokens tokens,
    NodeIdentity node,
    AccessPolicy access,
    ILogger<ApiTokenPurge> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!node.Roles.HasFlag(NodeRole.Scheduler))
            return;
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var days = (await access.CurrentAsync(stoppingToken)).TokenPurgeAfterDays;
                if (days <= 0)
                    continue;
                var purged = await tokens.PurgeAsync(AuditActor.System("api_token_purge"), days, stoppingToken);
                if (purged > 0)
                    LogPurged(logger, purged, days);
            }
            catch (Exception ex) when (Platform.Data.DatabaseErrors.IsUnavailable(ex))
            {
                LogUnavailable(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} API tokens revoked or expired more than {Days} days ago")]
    private static partial void LogPurged(ILogger logger, int count, int days);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API token purge skipped: the database is unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
