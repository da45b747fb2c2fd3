using System.Data.Common;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Observability;
using IpSolis.Server.Platform.Observability.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpSolis.Server.Web.Sections;

/// <summary>What the dashboard's health area shows: the same summary as <c>/health</c>, plus the live nodes.</summary>
public sealed record SystemStatus(HealthSummary Health, IReadOnlyList<ClusterNode>? LiveNodes, DateTimeOffset CheckedAt)
{
    public static async Task<SystemStatus> LoadAsync(
        HealthCheckService health,
        IDbContextFactory<IpSolisDbContext> contexts,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var now = time.GetUtcNow();
        return new SystemStatus(HealthSummary.From(report), await LiveNodesAsync(contexts, now, cancellationToken), now);
    }

    /// <summary>Null when the database cannot be read: the health checks above already say why, so the page still renders.</summary>
    private static async Task<IReadOnlyList<ClusterNode>?> LiveNodesAsync(
        IDbContextFactory<IpSolisDbContext> contexts,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var since = now - NodesHealthCheck.LiveWithin;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var nodes = await db.Set<ClusterNode>().AsNoTracking()
                .Where(n => n.StoppedAt == null && n.LastSeenAt >= since)
                .ToListAsync(cancellationToken);
            return [.. nodes.OrderBy(n => n.StartedAt).ThenBy(n => n.Id, StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }
}
