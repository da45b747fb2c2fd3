using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IpSolis.Server.Platform.Observability.Health;

/// <summary>
/// The <c>/health</c> document: <c>error</c> only when a critical check fails (503), <c>degraded</c> when anything
/// else is not healthy, otherwise <c>ok</c>. The admin dashboard renders the same summary.
/// </summary>
public sealed record HealthSummary(string Status, string Version, IReadOnlyDictionary<string, HealthSummary.Check> Checks)
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Error = "error";

    public static HealthSummary From(HealthReport report)
    {
        var checks = new SortedDictionary<string, Check>(StringComparer.Ordinal);
        var status = Ok;
        foreach (var (name, entry) in report.Entries)
        {
            var critical = entry.Tags.Contains(HealthTags.Critical);
            var checkStatus = entry.Status switch
            {
                HealthStatus.Healthy => Ok,
                HealthStatus.Degraded => Degraded,
                _ => critical ? Error : Degraded,
            };
            if (checkStatus == Error)
                status = Error;
            else if (checkStatus == Degraded && status == Ok)
                status = Degraded;

            checks[name] = new Check(
                checkStatus,
                entry.Description,
                entry.Data.TryGetValue("latencyMs", out var latency) ? Convert.ToDouble(latency, System.Globalization.CultureInfo.InvariantCulture) : null,
                entry.Data.Where(d => d.Key != "latencyMs").ToDictionary(d => d.Key, d => d.Value) is { Count: > 0 } details ? details : null);
        }

        return new HealthSummary(status, ProductVersion.Display, checks);
    }

    public sealed record Check(string Status, string? Message, double? LatencyMs, IReadOnlyDictionary<string, object>? Details);
}
