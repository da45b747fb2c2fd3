namespace IpSolis.Server.Features.Lifecycle;

/// <summary>Registers the lifecycle feature's services, recurring jobs, endpoints and pages.</summary>
internal static class LifecycleFeature
{
    public static IServiceCollection AddLifecycle(this IServiceCollection services)
    {
        return services;
    }

    public static WebApplication MapLifecycle(this WebApplication app, RouteGroupBuilder api)
    {
        _ = api;
        return app;
    }
}
