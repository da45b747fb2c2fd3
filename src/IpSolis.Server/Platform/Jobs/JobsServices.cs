using IpSolis.Domain;
using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Observability.Metrics;

namespace IpSolis.Server.Platform.Jobs;

public static class JobsServices
{
    /// <summary>The job queue every node uses to enqueue, plus the worker and scheduler when the node has those roles.</summary>
    public static IServiceCollection AddIpSolisJobs(this IServiceCollection services, NodeRole roles)
    {
        services.AddValidatedOptions<JobsOptions, JobsOptionsValidator>(JobsOptions.Section);
        services.AddSingleton(sp => new JobKinds(sp.GetServices<JobKind>()));
        services.AddSingleton<JobSignal>();
        services.AddMetricsSource<JobMetrics>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<JobRunner>();
        services.AddSingleton<IJobQueue, JobQueue>();
        services.AddSingleton<RecurringJobs>();
        services.AddSingleton<SchedulerLeadership>();
        services.AddSingleton<RecurringScheduler>();
        services.AddHealthChecks().AddCheck<JobsHealthCheck>("jobs");
        // The operator actions behind /ui/jobs and /api/v1/admin/jobs (Features/Maintenance/Jobs).
        services.AddSingleton<Features.Maintenance.Jobs.JobActions>();

        services.AddJobKind<NoopJob>(new JobKind(NoopJob.Kind, typeof(NoopJob)) { MaxAttempts = 1 });
        services.AddJobKind<JobDrill>(new JobKind(JobDrill.Kind, typeof(JobDrill)) { MaxAttempts = 5, Backoff = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)) });
        services.AddJobKind<JobRetention>(new JobKind(JobRetention.Kind, typeof(JobRetention)) { Timeout = TimeSpan.FromHours(1), MaxAttempts = 3 });
        services.AddRecurringJob(new RecurringJob("jobs.retention", "17 3 * * *", "UTC", JobRetention.Kind));
        services.AddJobKind<Data.DatabaseOptimize>(new JobKind(Data.DatabaseOptimize.Kind, typeof(Data.DatabaseOptimize)) { Timeout = TimeSpan.FromMinutes(10), MaxAttempts = 2 });
        services.AddRecurringJob(new RecurringJob(Data.DatabaseOptimize.Kind, "41 * * * *", "UTC", Data.DatabaseOptimize.Kind));

        if (roles.HasFlag(NodeRole.Worker))
        {
            services.AddSingleton<JobWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
            services.AddHostedService<JobNotificationListener>();
        }

        if (roles.HasFlag(NodeRole.Scheduler))
            services.AddHostedService(sp => sp.GetRequiredService<RecurringScheduler>());
        return services;
    }

    /// <summary>Registers a job kind and its handler (resolved per job from a fresh scope).</summary>
    public static IServiceCollection AddJobKind<THandler>(this IServiceCollection services, JobKind kind)
        where THandler : class, IJobHandler
    {
        if (kind.HandlerType != typeof(THandler))
            throw new ArgumentException($"The kind {kind.Name} names {kind.HandlerType.Name}, not {typeof(THandler).Name}.", nameof(kind));
        services.AddTransient<THandler>();
        services.AddSingleton(kind);
        return services;
    }

    public static IServiceCollection AddRecurringJob(this IServiceCollection services, RecurringJob job) => services.AddSingleton(job);
}
