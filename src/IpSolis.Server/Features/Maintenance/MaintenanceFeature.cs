using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Maintenance;

/// <summary>Maintenance mode: its settings, the switch and the gate that refuses new work while it is on.</summary>
public static class MaintenanceFeature
{
    public static IServiceCollection AddMaintenance(this IServiceCollection services)
    {
        services.AddSingleton<MaintenanceMode>();
        foreach (var definition in MaintenanceSettings.All)
            services.AddSetting(definition);
        return services;
    }
}
