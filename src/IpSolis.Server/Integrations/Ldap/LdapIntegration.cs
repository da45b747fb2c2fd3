using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Observability.Metrics;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>Registers the LDAP adapter under <see cref="DirectoryInUse.LdapKey"/> and declares its settings.</summary>
internal static class LdapIntegration
{
    public static IServiceCollection AddLdapDirectory(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<LdapConnections>();
        services.AddMetricsSource<LdapMetrics>();
        services.AddSingleton<LdapPersonDirectory>();
        services.AddSingleton<LdapProbe>();
        services.AddSingleton<LdapComputerAccounts>();
        services.AddKeyedSingleton<IDirectoryComputers>(DirectoryInUse.LdapKey, (sp, _) => sp.GetRequiredService<LdapComputerAccounts>());
        services.AddKeyedSingleton<IPersonDirectory>(DirectoryInUse.LdapKey, (sp, _) => sp.GetRequiredService<LdapPersonDirectory>());
        services.AddKeyedSingleton<IDirectoryGroups>(DirectoryInUse.LdapKey, (sp, _) => sp.GetRequiredService<LdapPersonDirectory>());
        services.AddKeyedSingleton<IDirectoryAuthentication>(DirectoryInUse.LdapKey, (sp, _) => sp.GetRequiredService<LdapPersonDirectory>());
        services.AddKeyedSingleton<IDirectoryProbe>(DirectoryInUse.LdapKey, (sp, _) => sp.GetRequiredService<LdapProbe>());
        foreach (var setting in LdapSettings.All)
            services.AddSetting(setting);
        return services;
    }
}
