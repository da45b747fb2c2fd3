namespace IpSolis.Server.Features.Portal;

/// <summary>Registers the portal's sign-in, session and page services.</summary>
internal static class PortalFeature
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        return services;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        return app;
    }
}
