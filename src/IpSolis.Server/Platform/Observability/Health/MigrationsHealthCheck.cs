using IpSolis.Server.Platform.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpSolis.Server.Platform.Observability.Health;

/// <summary>The schema is the one this build expects: no migration pending.</summary>
internal sealed class MigrationsHealthCheck(DatabaseMigrations migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrations.PendingAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy(data: new Dictionary<string, object> { ["pending"] = 0 })
                : HealthCheckResult.Unhealthy(
                    $"{pending.Count} migration(s) pending ({string.Join(", ", pending)}); run 'ipsolis migrate'.",
                    data: new Dictionary<string, object> { ["pending"] = pending.Count });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The migration history cannot be read: {ex.GetBaseException().Message}");
        }
    }
}
