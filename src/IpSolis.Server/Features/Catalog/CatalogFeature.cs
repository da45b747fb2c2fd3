namespace IpSolis.Server.Features.Catalog;

/// <summary>Registers the catalog feature's services, jobs, endpoints and pages.</summary>
internal static class CatalogFeature
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        return services;
    }

    public static WebApplication MapCatalog(this WebApplication app, RouteGroupBuilder api)
    {
        _ = api;
        return app;
    }
}
