using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>
/// What one instrument measured since the node started, per label set: a running sum (counters, up-down
/// counters), the last value (gauges, and every observable instrument, which reports absolute values), or histogram
/// buckets. Label sets are keyed by their rendered text, so each distinct tag combination is one series.
/// </summary>
internal sealed class AggregatedInstrument
{
    // Tags that would put a connection string (Npgsql names its pools by it) or unbounded values into a label.
    private static readonly string[] DroppedTags = ["pool.name", "db.client.connection.pool.name"];

    private readonly ConcurrentDictionary<string, Series> _series = new(StringComparer.Ordinal);
    private readonly bool _sums;

    /// <param name="sums">Whether measurements add up (counters, up-down counters) or replace each other (gauges).
    /// Observable counters report their running total on each collection, which is cleared first, so summing there
    /// adds up the series that only differed by a dropped tag.</param>
    public AggregatedInstrument(Instrument instrument, string name, MetricKind kind, bool sums, double scale, double[] bounds)
    {
        Instrument = instrument;
        Name = name;
        Kind = kind;
        Scale = scale;
        Bounds = bounds;
        Observable = instrument.IsObservable;
        _sums = sums;
    }

    public Instrument Instrument { get; }

    public string Name { get; }

    public MetricKind Kind { get; }

    public double Scale { get; }

    public double[] Bounds { get; }

    public bool Observable { get; }

    public string Help => string.IsNullOrWhiteSpace(Instrument.Description) ? Instrument.Name : Instrument.Description!;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        value *= Scale;
        var series = _series.GetOrAdd(LabelKey(tags), static _ => new Series());
        lock (series)
        {
            if (Kind == MetricKind.Histogram)
            {
                series.Buckets ??= new long[Bounds.Length + 1];
                var bucket = Array.BinarySearch(Bounds, value);
                series.Buckets[bucket >= 0 ? bucket : ~bucket]++;
                series.Sum += value;
                series.Count++;
            }
            else
            {
                series.Value = _sums ? series.Value + value : value;
            }
        }
    }

    /// <summary>Observable instruments report absolute values: their series are rebuilt on every collection.</summary>
    public void Clear() => _series.Clear();

    public bool HasSeries => !_series.IsEmpty;

    public void Write(StringBuilder text)
    {
        foreach (var (labels, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            lock (series)
            {
                if (Kind != MetricKind.Histogram)
                {
                    Sample(text, Name, labels, null, series.Value);
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i < Bounds.Length; i++)
                {
                    cumulative += series.Buckets?[i] ?? 0;
                    Sample(text, Name + "_bucket", labels, PrometheusText.Value(Bounds[i]), cumulative);
                }

                Sample(text, Name + "_bucket", labels, "+Inf", series.Count);
                Sample(text, Name + "_sum", labels, null, series.Sum);
                Sample(text, Name + "_count", labels, null, series.Count);
            }
        }
    }

    private static void Sample(StringBuilder text, string name, string labels, string? le, double value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
                text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            text.Append('}');
        }

        text.Append(' ').Append(PrometheusText.Value(value)).Append('\n');
    }

    private static string LabelKey(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
            return "";
        var labels = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var (key, value) in tags)
        {
            if (Array.IndexOf(DroppedTags, key) >= 0)
                continue;
            labels.Add(new(PrometheusText.Name(key), Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        }

        labels.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return PrometheusText.Labels(labels);
    }

    private sealed class Series
    {
        public double Value;
        public long[]? Buckets;
        public double Sum;
        public long Count;
    }
}
