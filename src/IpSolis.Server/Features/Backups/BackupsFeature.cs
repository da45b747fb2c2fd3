using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Observability.Metrics;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Backups;

/// <summary>Backups and restore: the service, the provider's dump, the schedule and the page.</summary>
public static class BackupsFeature
{
    public static IServiceCollection AddBackups(this IServiceCollection services)
    {
        services.AddOptions<BackupOptions>().BindConfiguration(BackupOptions.Section);
        services.AddSingleton<IDatabaseDump>(sp => sp.GetRequiredService<DatabaseConnection>().IsSqlite
            ? ActivatorUtilities.CreateInstance<SqliteDatabaseDump>(sp)
            : ActivatorUtilities.CreateInstance<Integrations.Postgres.PostgresDump>(sp));
        services.AddSingleton<Backups>();
        services.AddSingleton<BackupOperations>();
        services.AddMetricsSource<BackupMetrics>();
        foreach (var definition in BackupSettings.All)
            services.AddSetting(definition);
        services.AddJobKind<ScheduledBackup>(new JobKind(ScheduledBackup.Kind, typeof(ScheduledBackup)) { MaxAttempts = 2, Timeout = TimeSpan.FromHours(4) });
        services.AddRecurringJob(ScheduledBackup.Schedule);
        return services;
    }

    public static void MapBackups(WebApplication app, RouteGroupBuilder api) => BackupsEndpoints.Map(app, api);
}
