using IpSolis.Server.Integrations.Ldap;

namespace IpSolis.Server.Features.Directory;

/// <summary>Registers the directory feature's services, jobs, endpoints and pages.</summary>
internal static class DirectoryFeature
{
    public static IServiceCollection AddDirectory(this IServiceCollection services)
    {
        // The local directory is the embedded default; the directory.source setting switches to the LDAP adapter.
        services.AddSingleton<LocalPersonDirectory>();
        services.AddSingleton<LocalDirectory>();
        services.AddSingleton<LocalCredentials>();
        services.AddSingleton<LocalDirectoryGroups>();
        services.AddSingleton<DirectoryImport>();
        services.AddSingleton<LocalDirectoryAuthentication>();
        services.AddSingleton<DirectoryInUse>();
        services.AddSingleton<IPersonDirectory>(sp => sp.GetRequiredService<DirectoryInUse>());
        services.AddSingleton<IDirectoryGroups>(sp => sp.GetRequiredService<DirectoryInUse>());
        services.AddSingleton<IDirectoryComputers>(sp => sp.GetRequiredService<DirectoryInUse>());
        services.AddSingleton<IDirectoryAuthentication>(sp => sp.GetRequiredService<DirectoryInUse>());
        services.AddLdapDirectory();
        services.AddHealthChecks().AddCheck<DirectoryHealthCheck>("directory");
        return services;
    }

    public static WebApplication MapDirectory(this WebApplication app, RouteGroupBuilder api)
    {
        _ = api;
        return app;
    }
}
