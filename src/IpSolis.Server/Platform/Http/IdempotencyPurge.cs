using IpSolis.Server.Platform.Jobs;

namespace IpSolis.Server.Platform.Http;

/// <summary><c>idempotency.purge</c>, daily: removes <c>Idempotency-Key</c> records older than 24 hours.</summary>
internal sealed partial class IdempotencyPurge(IdempotencyKeys keys, ILogger<IdempotencyPurge> logger) : IJobHandler
{
    public const string Kind = "idempotency.purge";

    public static readonly RecurringJob Schedule = new(Kind, "41 3 * * *", "UTC", Kind);

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var purged = await keys.PurgeAsync(cancellationToken);
        if (purged > 0)
            LogPurged(logger, purged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired idempotency keys")]
    private static partial void LogPurged(ILogger logger, int count);
}
