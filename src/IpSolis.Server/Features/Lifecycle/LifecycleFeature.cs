using IpSolis.Server.Platform.Jobs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>Registers the lifecycle feature's services, recurring jobs, endpoints and pages.</summary>
internal static class LifecycleFeature
{
    public static IServiceCollection AddLifecycle(this IServiceCollection services)
    {
        services.AddScoped<OrderLifecycle>();
        // Defaults the approvals and notifications features replace with their own registrations.
        services.TryAddSingleton<IChangeReapproval, NoChangeReapproval>();
        services.TryAddSingleton<IOrderNotifier, LoggedOrderNotifier>();

        services.AddJobKind<ScheduledOrderStart>(new JobKind(ScheduledOrderStart.Kind, typeof(ScheduledOrderStart)) { MaxAttempts = 3, Timeout = TimeSpan.FromMinutes(5) });
        services.AddRecurringJob(ScheduledOrderStart.Schedule);
        services.AddJobKind<OrderExpiry>(new JobKind(OrderExpiry.Kind, typeof(OrderExpiry)) { MaxAttempts = 3, Timeout = TimeSpan.FromMinutes(5) });
        services.AddRecurringJob(OrderExpiry.Schedule);
        services.AddJobKind<ExpiryReminders>(new JobKind(ExpiryReminders.Kind, typeof(ExpiryReminders)) { MaxAttempts = 3, Timeout = TimeSpan.FromMinutes(15) });
        services.AddRecurringJob(ExpiryReminders.Schedule);
        return services;
    }

    public static WebApplication MapLifecycle(this WebApplication app, RouteGroupBuilder api)
    {
        LifecycleEndpoints.Map(api);
        return app;
    }
}
