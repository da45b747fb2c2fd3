using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpSolis.Server.Features.Pool;

/// <summary>Registers the pool feature's services, jobs, endpoints and pages.</summary>
internal static class PoolFeature
{
    public static IServiceCollection AddPool(this IServiceCollection services)
    {
        // Orders reserve and release through PoolAssignments too and register it the same way (TryAdd).
        services.TryAddSingleton<PoolAssignments>();
        services.AddSingleton<PoolAssets>();
        services.AddSingleton<PoolBulkCreation>();
        services.AddSingleton<PoolImport>();
        services.AddSingleton<PoolAssetList>();
        services.AddSingleton<PoolStatistics>();
        return services;
    }

    public static WebApplication MapPool(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapPoolApi();
        return app;
    }
}
