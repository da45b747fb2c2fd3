using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>
/// Listens to this node's meters and keeps running totals for <c>/metrics</c>: every <c>IpSolis.*</c> meter created
/// through this host's <see cref="IMeterFactory"/> (so two hosts in one process never mix their figures), the
/// runtime's own <c>System.Runtime</c> meter (GC, memory, thread pool, CPU) and Npgsql's connection-pool meter.
/// Instrument names become Prometheus names by the usual rules: dots to underscores, the unit as a suffix
/// (<c>_seconds</c>, <c>_bytes</c>; milliseconds are converted to seconds), <c>_total</c> on counters, and
/// <c>_value</c> on a gauge whose name would otherwise end like a histogram's series (<c>_count</c>).
/// </summary>
public sealed class MetricsCollector : IDisposable
{
    public const string ProcessMeterName = "IpSolis.Process";

    /// <summary>Latency buckets from 5 ms to 5 min: requests, jobs, directory calls.</summary>
    public static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private static readonly double[] CountBuckets = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private static readonly HashSet<string> ForeignMeters = new(StringComparer.Ordinal) { "System.Runtime", "Npgsql" };

    private readonly IMeterFactory _meters;
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<Instrument, AggregatedInstrument> _instruments = new();
    private readonly Lock _collecting = new();

    public MetricsCollector(IMeterFactory meters)
    {
        _meters = meters;
        var process = meters.Create(ProcessMeterName);
        using var self = Process.GetCurrentProcess();
        var started = new DateTimeOffset(self.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
        process.CreateObservableGauge("ipsolis.process.start_time", () => started, "s", "When this process started, in seconds since the Unix epoch.");
        process.CreateObservableGauge("ipsolis.build.info",
            () => new Measurement<int>(1, new KeyValuePair<string, object?>("version", ProductVersion.Version), new KeyValuePair<string, object?>("commit", ProductVersion.Commit)),
            description: "Always 1; the labels name the running version and the commit it was built from.");

        _listener = new MeterListener
        {
            InstrumentPublished = Publish,
            MeasurementsCompleted = (instrument, state) => _instruments.TryRemove(instrument, out var _),
        };
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((AggregatedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((AggregatedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((AggregatedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((AggregatedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((AggregatedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((AggregatedInstrument)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((AggregatedInstrument)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>Every metric family in the text format 0.0.4, sorted by name; observable instruments are read now.</summary>
    public string Scrape()
    {
        lock (_collecting)
        {
            foreach (var observable in _instruments.Values.Where(i => i.Observable))
                observable.Clear();
            _listener.RecordObservableInstruments();

            var text = new StringBuilder(32 * 1024);
            foreach (var family in _instruments.Values.GroupBy(i => i.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = family.First();
                text.Append("# HELP ").Append(family.Key).Append(' ').Append(PrometheusText.Help(first.Help)).Append('\n');
                text.Append("# TYPE ").Append(family.Key).Append(' ').Append(first.Kind switch
                {
                    MetricKind.Counter => "counter",
                    MetricKind.Histogram => "histogram",
                    _ => "gauge",
                }).Append('\n');
                // Two instruments that map to one name are one family only when they agree on its type.
                foreach (var instrument in family.Where(i => i.Kind == first.Kind))
                    instrument.Write(text);
            }

            return text.ToString();
        }
    }

    private void Publish(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        var wanted = meter.Name.StartsWith("IpSolis.", StringComparison.Ordinal)
            ? ReferenceEquals(meter.Scope, _meters)
            : ForeignMeters.Contains(meter.Name);
        if (!wanted || Classify(instrument) is not { } classified)
            return;
        var (kind, sums) = classified;

        var (suffix, scale) = instrument.Unit switch
        {
            "s" => ("_seconds", 1.0),
            "ms" => ("_seconds", 0.001),
            "us" or "μs" => ("_seconds", 0.000001),
            "By" => ("_bytes", 1.0),
            _ => ("", 1.0),
        };
        var name = PrometheusText.Name(instrument.Name);
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
            name += suffix;
        if (kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal))
            name += "_total";
        // _count, _sum and _bucket belong to histogram series: a gauge named like that (dotnet.timer.count) would read
        // as part of a histogram, so it keeps its words and gets _value (dotnet_timer_count_value).
        if (kind == MetricKind.Gauge && (name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal)
                || name.EndsWith("_bucket", StringComparison.Ordinal)))
            name += "_value";

        var bounds = kind == MetricKind.Histogram ? Bounds(instrument, suffix == "_seconds", scale) : [];
        var aggregate = new AggregatedInstrument(instrument, name, kind, sums, scale, bounds);
        _instruments[instrument] = aggregate;
        listener.EnableMeasurementEvents(instrument, aggregate);
    }

    private static (MetricKind Kind, bool Sums)? Classify(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
            return null;
        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
            return (MetricKind.Counter, true);
        if (definition == typeof(UpDownCounter<>) || definition == typeof(ObservableUpDownCounter<>))
            return (MetricKind.Gauge, true);
        if (definition == typeof(Gauge<>) || definition == typeof(ObservableGauge<>))
            return (MetricKind.Gauge, false);
        if (definition == typeof(Histogram<>))
            return (MetricKind.Histogram, false);
        return null;
    }

    private static double[] Bounds(Instrument instrument, bool seconds, double scale)
    {
        IReadOnlyList<double>? advised = instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
            _ => null,
        };
        if (advised is { Count: > 0 })
            return advised.Select(b => b * scale).Distinct().Order().ToArray();
        return seconds ? SecondsBuckets : CountBuckets;
    }

    public void Dispose() => _listener.Dispose();
}
