using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using IpSolis.Server.Platform.Http;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>
/// The <c>IpSolis.Http</c> meter: requests by route template (never the raw path, whose ids and tokens would make
/// every request a series of its own), method and status with their durations; requests in flight and queued by
/// the load shedder; requests it refused.
/// </summary>
public sealed class HttpMetrics
{
    public const string MeterName = "IpSolis.Http";

    /// <summary>The route label of a request no endpoint matched (static files, unknown paths).</summary>
    public const string Unrouted = "unrouted";

    private static readonly HashSet<string> KnownMethods = new(StringComparer.Ordinal)
    {
        "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
    };

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _shed;

    public HttpMetrics(IMeterFactory meters, RequestAdmission admission)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>("ipsolis.http.server.request.duration", "s",
            "HTTP requests answered, by route template, method and status, and how long they took.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MetricsCollector.SecondsBuckets });
        _shed = meter.CreateCounter<long>("ipsolis.http.requests.shed", "{request}",
            "Requests refused with 503 by load shedding: reason concurrency (queue full), queue_timeout or database.");
        meter.CreateObservableGauge("ipsolis.http.server.active_requests", () => admission.InFlight, "{request}",
            "Non-probe requests being processed now.");
        meter.CreateObservableGauge("ipsolis.http.server.queued_requests", () => admission.Queued, "{request}",
            "Non-probe requests waiting for a processing slot now.");
    }

    public void RequestFinished(HttpContext context, int status, TimeSpan duration)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? Unrouted;
        // A group's own endpoint (MapGroup("/orders") + MapPost("")) carries the group's trailing slash.
        if (route.Length > 1 && route[^1] == '/')
            route = route.TrimEnd('/');
        var method = KnownMethods.Contains(context.Request.Method) ? context.Request.Method : "_OTHER";
        _duration.Record(duration.TotalSeconds, new TagList
        {
            { "route", route },
            { "method", method },
            { "status", status.ToString(CultureInfo.InvariantCulture) },
        });
    }

    public void Shed(string reason) => _shed.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
