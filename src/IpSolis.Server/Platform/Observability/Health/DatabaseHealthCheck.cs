using System.Diagnostics;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpSolis.Server.Platform.Observability.Health;

/// <summary>The database answers a trivial query; its latency is reported.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<IpSolisDbContext> contexts, DatabaseConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            var latency = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return HealthCheckResult.Healthy(data: new Dictionary<string, object>
            {
                ["latencyMs"] = Math.Round(latency, 2),
                ["provider"] = connection.Provider.ToString().ToLowerInvariant(),
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The database does not answer: {ex.GetBaseException().Message}");
        }
    }
}
