using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IpSolis.Server.Features.AccessTargets;

/// <summary>
/// Registers group-access targets: the order-run steps that grant and revoke directory groups, the access ledger's
/// reads and its endpoints. Add after the orders feature, so its steps follow the built-in ones of the same stage.
/// </summary>
internal static class AccessTargetsFeature
{
    public static IServiceCollection AddAccessTargets(this IServiceCollection services)
    {
        services.TryAddSingleton<DirectoryGroupsInTransaction>();
        services.AddSingleton<IOrderStepSource, GroupAccessSteps>();
        services.AddSingleton<AccessLedgerQueries>();
        return services;
    }

    public static WebApplication MapAccessTargets(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapAccessTargetsApi();
        return app;
    }
}
