namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>A service that owns instruments and is built at start (see <see cref="MetricsServices.AddMetricsSource{T}"/>).</summary>
public sealed record MetricsSource(Type Service);
