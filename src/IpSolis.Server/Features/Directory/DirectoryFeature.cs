namespace IpSolis.Server.Features.Directory;

/// <summary>Registers the directory feature's services, jobs, endpoints and pages.</summary>
internal static class DirectoryFeature
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        // The local directory is the embedded default; an LDAP/Active Directory adapter replaces this registration.
        services.AddSingleton<IPersonDirectory, LocalPersonDirectory>();
        services.AddSingleton<LocalDirectory>();
        services.AddSingleton<LocalCredentials>();
        return services;
    }

    public static WebApplication MapDirectory(this WebApplication app, RouteGroupBuilder api)
    {
        _ = api;
        return app;
    }
}
