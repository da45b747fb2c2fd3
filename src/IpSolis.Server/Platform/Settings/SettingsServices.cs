namespace IpSolis.Server.Platform.Settings;

public static class SettingsServices
{
    /// <summary>The settings store and the General settings. Features add theirs with <see cref="AddSetting"/>.</summary>
    public static IServiceCollection AddIpSolisSettings(this IServiceCollection services)
    {
        services.AddSingleton<SettingSecretProtector>();
        services.AddSingleton<SettingsCatalog>();
        services.AddSingleton<SettingsStore>();
        foreach (var definition in GeneralSettings.All)
            services.AddSetting(definition);
        return services;
    }

    /// <summary>Declares a feature's setting, so the store accepts it and the settings pages and API list it.</summary>
    public static IServiceCollection AddSetting(this IServiceCollection services, ISettingDefinition definition)
    {
        services.AddSingleton(definition);
        return services;
    }
}
