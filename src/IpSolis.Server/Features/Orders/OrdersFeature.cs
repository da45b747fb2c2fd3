using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Observability.Metrics;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpSolis.Server.Features.Orders;

/// <summary>Registers the orders feature's services, jobs, endpoints and pages.</summary>
internal static class OrdersFeature
{
    public static IServiceCollection AddOrders(this IServiceCollection services)
    {
        // Orders reserve and release pool assets through the pool's service; registered here too (TryAdd) so orders
        // work whatever order the features are added in.
        services.TryAddSingleton<PoolAssignments>();
        services.AddSingleton<OrderHolds>();
        services.AddKeyedSingleton<RowGate>(OrderPlacement.TypeGate);
        services.AddSingleton<OrderCounts>();
        // The approvals feature replaces this registration with its routing.
        services.TryAddSingleton<IApprovalRouting, NoApprovalRouting>();
        services.AddScoped<OrderPlacement>();
        services.AddSingleton<IOrderStepSource, BuiltInOrderSteps>();
        // Every tracked status change is counted on commit, wherever in the product it happens.
        services.AddMetricsSource<OrderTransitionMetrics>();
        services.ConfigureDbContext<IpSolisDbContext>(
            (sp, options) => options.AddInterceptors(sp.GetRequiredService<OrderTransitionMetrics>()), ServiceLifetime.Singleton);
        services.AddJobKind<OrderRunner>(new JobKind(OrderRunner.Kind, typeof(OrderRunner))
        {
            Queue = JobQueues.Provision,
            MaxAttempts = 5,
            Timeout = TimeSpan.FromMinutes(30),
            Backoff = new Domain.Jobs.JobBackoff(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)),
        });
        foreach (var setting in OrderSettings.All)
            services.AddSetting(setting);
        // Idempotency-Key support is platform machinery; its first user (POST /api/v1/orders) registers it.
        services.AddIpSolisIdempotency();
        return services;
    }

    public static WebApplication MapOrders(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapOrdersApi();
        return app;
    }
}
