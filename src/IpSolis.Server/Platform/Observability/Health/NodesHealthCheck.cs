using IpSolis.Domain;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpSolis.Server.Platform.Observability.Health;

/// <summary>
/// Which nodes reported in the last minute, and whether the cluster has somebody doing background work.
/// Not critical: web nodes keep serving while no worker runs, but an operator must hear of it.
/// </summary>
internal sealed class NodesHealthCheck(IDbContextFactory<IpSolisDbContext> contexts, TimeProvider time) : IHealthCheck
{
    public static readonly TimeSpan LiveWithin = TimeSpan.FromSeconds(60);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var since = time.GetUtcNow() - LiveWithin;
        var live = await db.Set<ClusterNode>().AsNoTracking()
            .Where(n => n.StoppedAt == null && n.LastSeenAt >= since)
            .Select(n => n.Roles)
            .ToListAsync(cancellationToken);
        var roles = live.Aggregate(NodeRole.None, (all, r) => all | (NodeRoles.Parse(r) is { Succeeded: true } parsed ? parsed.Value : NodeRole.None));
        var data = new Dictionary<string, object> { ["live"] = live.Count };
        if (live.Count == 0)
            return HealthCheckResult.Degraded("No node has reported in the last minute.", data: data);
        if (!roles.HasFlag(NodeRole.Worker))
            return HealthCheckResult.Degraded("No live node runs the worker role: background work waits.", data: data);
        if (!roles.HasFlag(NodeRole.Scheduler))
            return HealthCheckResult.Degraded("No live node runs the scheduler role: recurring work does not fire.", data: data);
        return HealthCheckResult.Healthy(data: data);
    }
}
