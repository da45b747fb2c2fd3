namespace IpSolis.Server.Features.Pool;

/// <summary>Registers the pool feature's services, jobs, endpoints and pages.</summary>
internal static class PoolFeature
{
    public static IServiceCollection AddPool(this IServiceCollection services)
    {
        return services;
    }

    public static WebApplication MapPool(this WebApplication app, RouteGroupBuilder api)
    {
        _ = api;
        return app;
    }
}
