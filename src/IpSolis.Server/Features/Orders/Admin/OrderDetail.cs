using System.Globalization;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>
/// Everything the admin order page shows about one order: the order, its type, its asset, the orders around it,
/// its step log and the latest audit rows about it.
/// </summary>
public sealed record OrderDetail(
    Order Order,
    AssetType AssetType,
    PoolAsset? Asset,
    RelatedOrder? Parent,
    IReadOnlyList<RelatedOrder> Children,
    IReadOnlyList<OrderStep> Steps,
    IReadOnlyList<AuditEntry> Audit,
    bool MoreAudit)
{
    /// <summary>How many audit rows the page shows; the audit log has the rest.</summary>
    public const int AuditRows = 20;

    /// <summary>The order, or null when it does not exist or its type is outside <paramref name="scope"/> (the page
    /// answers both with the same 404, so ids outside the caller's reach reveal nothing).</summary>
    public static async Task<OrderDetail?> LoadAsync(IpSolisDbContext db, long id, AssetTypeScope scope, CancellationToken cancellationToken)
    {
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null || !scope.Allows(order.AssetTypeId))
            return null;
        var type = await db.Set<AssetType>().AsNoTracking().FirstAsync(t => t.Id == order.AssetTypeId, cancellationToken);
        var asset = order.AssignedAssetId is { } assetId
            ? await db.Set<PoolAsset>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == assetId, cancellationToken)
            : null;

        RelatedOrder? parent = null;
        if (order.ParentOrderId is { } parentId)
        {
            parent = await db.Set<Order>().AsNoTracking().Where(o => o.Id == parentId)
                .Select(o => new RelatedOrder(o.Id, o.Action, o.Status, o.CreatedAt, o.PlacedBy))
                .FirstOrDefaultAsync(cancellationToken);
        }

        var children = await db.Set<Order>().AsNoTracking().Where(o => o.ParentOrderId == id)
            .OrderBy(o => o.Id)
            .Select(o => new RelatedOrder(o.Id, o.Action, o.Status, o.CreatedAt, o.PlacedBy))
            .ToListAsync(cancellationToken);
        var steps = await db.Set<OrderStep>().AsNoTracking().Where(s => s.OrderId == id)
            .OrderBy(s => s.Position).ToListAsync(cancellationToken);

        var entityId = id.ToString(CultureInfo.InvariantCulture);
        var audit = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityType == "order" && e.EntityId == entityId)
            .OrderByDescending(e => e.Sequence)
            .Take(AuditRows + 1)
            .ToListAsync(cancellationToken);
        var more = audit.Count > AuditRows;
        return new OrderDetail(order, type, asset, parent, children, steps, [.. audit.Take(AuditRows)], more);
    }
}
