using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Runbooks.Modules;
using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Jobs;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>Registers the runbooks feature: modules, the script runner, the run job, the schedule, the order gate, endpoints and pages.</summary>
internal static class RunbooksFeature
{
    public static IServiceCollection AddRunbooks(this IServiceCollection services)
    {
        services.AddValidatedOptions<RunbookOptions, RunbookOptionsValidator>(RunbookOptions.Section);
        services.AddSingleton<ScriptProcess>();
        services.AddSingleton<ScriptStepRunner>();
        services.AddSingleton<HttpStepClient>();
        services.AddSingleton<RunbookRuns>();
        services.AddSingleton<RunbookAdministration>();
        services.AddSingleton<RunbookSeed>();
        services.AddSingleton<IRunbookModule, LogModule>();
        services.AddSingleton<IRunbookModule, SetVariableModule>();
        services.AddSingleton<IRunbookModule, WaitModule>();
        services.AddSingleton<IRunbookModule, HttpRequestModule>();
        services.AddSingleton<IRunbookModule, HttpPollModule>();
        services.AddSingleton<IRunbookModule, NotifyModule>();
        foreach (var key in PoolModule.Keys)
            services.AddSingleton<IRunbookModule>(sp => ActivatorUtilities.CreateInstance<PoolModule>(sp, key));
        foreach (var key in DirectoryModule.Keys)
            services.AddSingleton<IRunbookModule>(sp => ActivatorUtilities.CreateInstance<DirectoryModule>(sp, key));
        services.AddSingleton<IOrderRunGate, RunbookOrderGate>();
        services.AddSingleton<IOrderStepSource, RunbookOrderSteps>();
        services.AddJobKind<RunbookExecutor>(new JobKind(RunbookExecutor.Kind, typeof(RunbookExecutor))
        {
            Queue = JobQueues.Provision,
            // A step's own policy retries it; job attempts only cover a worker that died (lease expiry) or a database hiccup.
            MaxAttempts = 10,
            Timeout = TimeSpan.FromHours(25),
            Backoff = new Domain.Jobs.JobBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2)),
        });
        services.AddJobKind<RunbookScheduler>(new JobKind(RunbookScheduler.Kind, typeof(RunbookScheduler)) { MaxAttempts = 1 });
        services.AddRecurringJob(new RecurringJob(RunbookScheduler.Kind, "* * * * *", "UTC", RunbookScheduler.Kind));
        return services;
    }

    public static WebApplication MapRunbooks(this WebApplication app, RouteGroupBuilder api)
    {
        RunbooksEndpoints.Map(app, api);
        return app;
    }
}
