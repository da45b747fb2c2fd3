using IpSolis.Server.Features.Orders;
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
        services.TryAddSingleton<IApprovalNotifier, LoggingApprovalNotifier>();
        services.Replace(ServiceDescriptor.Singleton<IApprovalRouting, ApprovalRouting>());
        services.AddSingleton<ApprovalDecisions>();
        services.AddSingleton<ApprovalInbox>();
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
