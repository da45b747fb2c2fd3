namespace IpSolis.Server.Features.Catalog;

/// <summary>Registers the catalog feature's services, jobs, endpoints and pages.</summary>
internal static class CatalogFeature
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<AssetTypeScopes>();
        services.AddScoped<AssetTypes>();
        services.AddSingleton<AssetTypeSnapshot>();
        return services;
    }

    public static WebApplication MapCatalog(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapAssetTypesApi();
        Admin.AssetTypeConsoleEndpoints.Map(app);
        return app;
    }
}
