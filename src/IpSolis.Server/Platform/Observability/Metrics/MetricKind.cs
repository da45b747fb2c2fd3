namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>The Prometheus type an instrument is exposed as.</summary>
internal enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
