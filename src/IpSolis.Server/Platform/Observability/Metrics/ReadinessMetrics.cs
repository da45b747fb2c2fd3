using System.Diagnostics.Metrics;
using IpSolis.Server.Platform.Observability.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>
/// The <c>IpSolis.Health</c> meter: whether the node is ready (what <c>/readyz</c> would answer) and each readiness
/// check, so Prometheus can alert on readiness without a separate prober. The checks run when <c>/metrics</c> is
/// scraped, at most every <see cref="RefreshAfter"/>, so frequent scrapes do not each cost a database round trip.
/// </summary>
public sealed class ReadinessMetrics
{
    public const string MeterName = "IpSolis.Health";

    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(5);

    private readonly HealthCheckService _health;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Snapshot? _last;

    public ReadinessMetrics(IMeterFactory meters, HealthCheckService health, TimeProvider time)
    {
        _health = health;
        _time = time;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("ipsolis.ready",
            () => _last is { } last ? [new Measurement<int>(last.Checks.Values.All(ok => ok) ? 1 : 0)] : Array.Empty<Measurement<int>>(), "",
            "1 when the node is ready to serve (database reachable, schema current), as /readyz says; 0 when not.");
        meter.CreateObservableGauge("ipsolis.health.check.healthy",
            () => _last?.Checks.Select(c => new Measurement<int>(c.Value ? 1 : 0, new KeyValuePair<string, object?>("check", c.Key))) ?? [], "",
            "Each readiness check: 1 healthy, 0 failing.");
    }

    /// <summary>Runs the readiness checks unless a recent result is at hand.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_last is { } fresh && _time.GetUtcNow() - fresh.At < RefreshAfter)
            return;
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } justDone && _time.GetUtcNow() - justDone.At < RefreshAfter)
                return;
            var report = await _health.CheckHealthAsync(c => c.Tags.Contains(HealthTags.Ready), cancellationToken);
            _last = new Snapshot(_time.GetUtcNow(), report.Entries.ToDictionary(e => e.Key, e => e.Value.Status != HealthStatus.Unhealthy, StringComparer.Ordinal));
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private sealed record Snapshot(DateTimeOffset At, IReadOnlyDictionary<string, bool> Checks);
}
