namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>Starts listening before the first request and builds every <see cref="MetricsSource"/>.</summary>
internal sealed class MetricsStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<MetricsCollector>();
        foreach (var source in services.GetServices<MetricsSource>())
            services.GetRequiredService(source.Service);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
