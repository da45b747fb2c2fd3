using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Http;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>Registers the metrics collector, <c>/metrics</c> access, load-shedding admission and the meters.</summary>
public static class MetricsServices
{
    public static IServiceCollection AddIpSolisMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddValidatedOptions<MetricsOptions, MetricsOptionsValidator>(MetricsOptions.Section);
        services.AddValidatedOptions<LoadSheddingOptions, LoadSheddingOptionsValidator>(LoadSheddingOptions.Section);
        services.AddSingleton<MetricsCollector>();
        services.AddSingleton<MetricsAccess>();
        services.AddSingleton<RequestAdmission>();
        services.AddMetricsSource<HttpMetrics>();
        services.AddMetricsSource<DatabaseMetrics>();
        services.AddMetricsSource<ReadinessMetrics>();
        services.AddHostedService<MetricsStartup>();
        return services;
    }

    /// <summary>
    /// Registers <typeparamref name="T"/> (a class that creates a meter's instruments) as a singleton that is built
    /// when the node starts, so its figures are listed on <c>/metrics</c> from the first scrape, at zero, rather
    /// than after its first event.
    /// </summary>
    public static IServiceCollection AddMetricsSource<T>(this IServiceCollection services) where T : class
    {
        services.AddSingleton<T>();
        services.AddSingleton(new MetricsSource(typeof(T)));
        return services;
    }
}
