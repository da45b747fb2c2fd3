namespace IpSolis.Server.Features.Orders;

/// <summary>Registers the orders feature's services, jobs, endpoints and pages.</summary>
internal static class OrdersFeature
{
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        return services;
    }

    public static WebApplication MapOrders(this WebApplication app, RouteGroupBuilder api)
    {
        _ = api;
        return app;
    }
}
