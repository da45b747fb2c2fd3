using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// Changes (modify orders) of an active order that have not finished: at most one at a time. When the order ends
/// (returned, expired), a change still waiting (for approval, or for a retry after it failed) can never apply and
/// is withdrawn; a change being carried out right now is let finish first.
/// </summary>
internal static class OpenChanges
{
    private static readonly OrderStatus[] Open = [.. Enum.GetValues<OrderStatus>().Where(s => !OrderStatuses.IsTerminal(s))];

    public static Task<Order?> FirstAsync(IpSolisDbContext db, long parentId, CancellationToken cancellationToken) =>
        db.Set<Order>().AsNoTracking()
            .Where(o => o.ParentOrderId == parentId && o.Action == OrderAction.Modify && Open.Contains(o.Status))
            .OrderBy(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Withdraws the waiting changes of <paramref name="parent"/> (cancelled, audited; not saved). Returns the
    /// change being carried out right now, if any: the caller must not end the order under it.
    /// </summary>
    public static async Task<Order?> WithdrawWaitingAsync(
        IpSolisDbContext db, IAuditTrail audit, AuditActor actor, Order parent, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.Set<Order>().AsTracking()
            .Where(o => o.ParentOrderId == parent.Id && o.Action == OrderAction.Modify && Open.Contains(o.Status))
            .OrderBy(o => o.Id)
            .ToListAsync(cancellationToken);
        if (open.FirstOrDefault(o => o.Status == OrderStatus.Processing) is { } running)
            return running;
        foreach (var change in open.Where(o => OrderTransitions.IsAllowed(o.Action, o.Status, OrderStatus.Cancelled)))
        {
            var from = change.Status;
            change.Status = OrderStatus.Cancelled;
            change.ErrorMessage = reason;
            change.UpdatedAt = now;
            change.CompletedAt = now;
            audit.Record(db, actor, new AuditEvent(
                "order.cancelled", "order", OrderFacts.Id(change.Id),
                new { status = WireName<OrderStatus>.Of(from) },
                new { status = WireName<OrderStatus>.Of(OrderStatus.Cancelled), parentOrderId = parent.Id, reason },
                change.Classification));
        }

        return null;
    }
}
