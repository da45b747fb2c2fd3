using System.Diagnostics.Metrics;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>
/// The <c>IpSolis.Directory</c> meter: calls to the LDAP directory over the pooled service-account connections and
/// how long each took (waiting for a free connection included), by outcome: <c>ok</c>; <c>unavailable</c> (the
/// server could not be reached, bound or did not answer in time); <c>refused</c> (it answered with an error, such as
/// an entry that already exists); <c>cancelled</c> (the caller gave up).
/// </summary>
public sealed class LdapMetrics
{
    public const string MeterName = "IpSolis.Directory";
    public const string Ok = "ok";
    public const string Unavailable = "unavailable";
    public const string Refused = "refused";
    public const string Cancelled = "cancelled";

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;

    public LdapMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _calls = meter.CreateCounter<long>("ipsolis.directory.calls", "{call}", "Calls to the LDAP directory, by outcome.");
        _duration = meter.CreateHistogram<double>("ipsolis.directory.call.duration", "s",
            "How long LDAP directory calls took, waiting for a pooled connection included, by outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Platform.Observability.Metrics.MetricsCollector.SecondsBuckets });
    }

    public void Called(string outcome, TimeSpan duration)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        _calls.Add(1, tag);
        _duration.Record(duration.TotalSeconds, tag);
    }
}
