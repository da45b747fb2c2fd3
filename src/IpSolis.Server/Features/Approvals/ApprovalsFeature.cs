using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Observability.Metrics;
using IpSolis.Server.Platform.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpSolis.Server.Features.Approvals;

/// <summary>Registers approvals: the routing orders use, decisions, signed links, settings, endpoints and pages.</summary>
internal static class ApprovalsFeature
{
    public static IServiceCollection AddApprovals(this IServiceCollection services)
    {
        services.AddSingleton<ApprovalLinks>();
        // The notifications feature replaces this with mail and Teams; until then requests are logged.
        services.AddSingleton<IApprovalNotifier, MailApprovalNotifier>();
        services.AddSingleton<ApprovalRouting>();
        services.Replace(ServiceDescriptor.Singleton<IApprovalRouting>(s => s.GetRequiredService<ApprovalRouting>()));
        // Extensions, added users and new owners are approved again like a new order.
        services.Replace(ServiceDescriptor.Singleton<IChangeReapproval, ChangeReapproval>());
        services.AddSingleton<ApprovalDecisions>();
        services.AddMetricsSource<ApprovalMetrics>();
        services.AddSingleton<ApprovalInbox>();
        services.AddSingleton<ApprovalPreview>();
        services.AddSingleton<DelegationWindows>();
        services.AddJobKind<ApprovalFollowUpJob>(new JobKind(ApprovalFollowUpJob.Kind, typeof(ApprovalFollowUpJob)) { MaxAttempts = 3, Timeout = TimeSpan.FromMinutes(15) });
        services.AddRecurringJob(ApprovalFollowUpJob.Schedule);
        services.AddJobKind<ApprovalAutoDeclineJob>(new JobKind(ApprovalAutoDeclineJob.Kind, typeof(ApprovalAutoDeclineJob)) { MaxAttempts = 3, Timeout = TimeSpan.FromMinutes(15) });
        services.AddRecurringJob(ApprovalAutoDeclineJob.Schedule);
        services.AddJobKind<DelegationReroute>(new JobKind(DelegationReroute.Kind, typeof(DelegationReroute)) { MaxAttempts = 3, Timeout = TimeSpan.FromMinutes(15) });
        services.AddRecurringJob(DelegationReroute.Schedule);
        foreach (var setting in ApprovalSettings.All)
            services.AddSetting(setting);
        return services;
    }

    public static WebApplication MapApprovals(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapApprovalsApi();
        return app;
    }
}
