using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// Ends the order that holds an asset when an operator force-releases the asset (pool feature, same transaction):
/// access ends at once without a deprovision run. Provisioned and revoking orders become revoked; orders that never
/// got the asset (awaiting approval, scheduled, failed) are cancelled; a running order fails, so its provision run
/// finds it no longer processing and stops.
/// </summary>
public sealed class OrderHolds(IAuditTrail audit, TimeProvider time)
{
    /// <summary>
    /// Moves <paramref name="orderId"/> to its end status in <paramref name="db"/> (not saved: the caller saves with
    /// the asset change). An order already final is left as it is.
    /// </summary>
    public async Task<Result<Order>> EndForForcedReleaseAsync(IpSolisDbContext db, long orderId, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        if (order is null)
            return new DomainError("order.not_found", $"Order {orderId} does not exist.", "orderId");
        if (OrderStatuses.IsTerminal(order.Status))
            return order;

        var to = EndStatus(order.Status);
        var check = OrderTransitions.Check(order.Action, order.Status, to);
        if (!check.Succeeded)
            return Result<Order>.Failure([.. check.Errors]);

        var from = order.Status;
        var now = time.GetUtcNow();
        order.Status = to;
        order.ErrorMessage = $"Asset force-released by {actor.Id}";
        order.UpdatedAt = now;
        if (OrderStatuses.IsTerminal(to))
            order.CompletedAt = now;

        var classification = await db.Set<AssetType>().AsNoTracking().Where(t => t.Id == order.AssetTypeId)
            .Select(t => t.AttributesJson).FirstOrDefaultAsync(cancellationToken);
        audit.Record(db, actor, new AuditEvent(
            "order.ended_by_force_release", "order", order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { status = WireName<OrderStatus>.Of(from) },
            new { status = WireName<OrderStatus>.Of(to), assetId = order.AssignedAssetId, reason = order.ErrorMessage },
            OrderFacts.Classification(classification)));
        return order;
    }

    /// <summary>Where a holding order goes when its asset is taken away.</summary>
    public static OrderStatus EndStatus(OrderStatus status) => status switch
    {
        OrderStatus.Provisioned or OrderStatus.Revoking => OrderStatus.Revoked,
        OrderStatus.Processing => OrderStatus.Failed,
        _ => OrderStatus.Cancelled,
    };
}
