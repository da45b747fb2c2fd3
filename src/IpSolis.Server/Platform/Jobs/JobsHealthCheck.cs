using IpSolis.Domain.Jobs;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// Degraded when background work is stuck: a queue's oldest ready job has waited too long (too few workers, or
/// none for that queue), or no node has led the scheduler for <see cref="LeaderMissingAfter"/>.
/// </summary>
internal sealed class JobsHealthCheck(
    IDbContextFactory<IpSolisDbContext> contexts,
    IOptions<JobsOptions> options,
    NodeIdentity node,
    TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan LeaderMissingAfter = TimeSpan.FromSeconds(30);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var oldest = await db.Set<Job>().AsNoTracking()
            .Where(j => j.State == JobState.Pending && j.RunAt <= now)
            .GroupBy(j => j.Queue)
            .Select(g => new { Queue = g.Key, Ready = g.Count(), OldestRunAt = g.Min(j => j.RunAt) })
            .ToListAsync(cancellationToken);
        var leader = await db.Set<JobLeader>().AsNoTracking().FirstOrDefaultAsync(cancellationToken);

        var data = new Dictionary<string, object>();
        var problems = new List<string>();
        var limit = TimeSpan.FromSeconds(options.Value.ReadyWaitWarningSeconds);
        foreach (var queue in oldest.OrderBy(q => q.Queue, StringComparer.Ordinal))
        {
            var waited = now - queue.OldestRunAt;
            data[$"{queue.Queue}.ready"] = queue.Ready;
            data[$"{queue.Queue}.oldestWaitSeconds"] = Math.Round(waited.TotalSeconds);
            if (waited > limit)
                problems.Add($"queue {queue.Queue}: the oldest of {queue.Ready} ready job(s) has waited {waited.TotalSeconds:0} s");
        }

        data["leader"] = leader?.NodeId ?? "none";
        var leaderSeen = leader?.RenewedAt;
        // Right after start nobody may have reported yet: only complain once this node has been up long enough to know.
        if ((leaderSeen is null || now - leaderSeen > LeaderMissingAfter) && now - node.StartedAt > LeaderMissingAfter)
            problems.Add(leaderSeen is null ? "no node has led the scheduler" : $"no scheduler leader since {leaderSeen:O}");

        return problems.Count == 0
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Degraded(string.Join("; ", problems) + ".", data: data);
    }
}
