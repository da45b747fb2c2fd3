using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// The delete order that ends an active order (returned, expired). It copies what the run needs from the order it
/// ends: the provisioned-state snapshot (model, strategy, deprovision policy, so the end runs the way the start
/// did even when the type changed since), the asset, and the people whose access is taken back.
/// </summary>
internal static class DeprovisionOrders
{
    public static Order For(Order parent, AuditActor actor, string source, DateTimeOffset now) => new()
    {
        AssetTypeId = parent.AssetTypeId,
        Action = OrderAction.Delete,
        Status = OrderStatus.Processing,
        ParentOrderId = parent.Id,
        RequesterEmail = parent.RequesterEmail,
        RequesterName = parent.RequesterName,
        OwnerEmail = parent.OwnerEmail,
        OwnerName = parent.OwnerName,
        PlacedBy = actor.Id,
        Source = source,
        RequestedFrom = now,
        RequestedUntil = now,
        AttributesJson = parent.AttributesJson,
        RdpUsersJson = parent.RdpUsersJson,
        AdminUsersJson = parent.AdminUsersJson,
        AssignedAssetId = parent.AssignedAssetId,
        ProvisionedStateJson = parent.ProvisionedStateJson,
        RequesterDepartment = parent.RequesterDepartment,
        RequesterCostCenter = parent.RequesterCostCenter,
        RequesterTitle = parent.RequesterTitle,
        Classification = parent.Classification,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
