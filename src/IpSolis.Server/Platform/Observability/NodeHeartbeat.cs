using System.Data.Common;
using IpSolis.Domain;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Observability;

/// <summary>
/// Records this node in <c>cluster_nodes</c> at start, refreshes it every <see cref="Interval"/>, and marks it
/// stopped on a clean shutdown, so operators see which nodes run and which died.
/// </summary>
internal sealed partial class NodeHeartbeat(
    IDbContextFactory<IpSolisDbContext> contexts,
    NodeIdentity node,
    TimeProvider time,
    ILogger<NodeHeartbeat> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException or InvalidOperationException)
            {
                // The database may be down for a moment; /health reports that. Keep beating.
                LogBeatFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false) is true);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await using var context = await contexts.CreateDbContextAsync(cancellationToken);
            var now = time.GetUtcNow();
            await context.Set<ClusterNode>().Where(n => n.Id == node.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(n => n.StoppedAt, now).SetProperty(n => n.LastSeenAt, now), cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            LogBeatFailed(logger, ex);
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var row = await context.Set<ClusterNode>().FindAsync([node.Id], cancellationToken);
        if (row is null)
        {
            context.Add(new ClusterNode
            {
                Id = node.Id,
                HostName = Environment.MachineName,
                ProcessId = Environment.ProcessId,
                Roles = NodeRoles.Format(node.Roles),
                Version = ProductVersion.Display,
                StartedAt = node.StartedAt,
                LastSeenAt = now,
            });
        }
        else
        {
            row.LastSeenAt = now;
        }

        await context.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record this node's heartbeat")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);
}
