using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>
/// What the dashboard's "Needs attention" card counts, within the caller's asset types: failed orders (an operator
/// retries or cancels them) and orders in <c>processing</c> that have not moved for <see cref="StuckAfter"/> (their
/// run died or hangs).
/// </summary>
public sealed record OrdersNeedingAttention(int Failed, int Stuck)
{
    /// <summary>How long an order may sit in <c>processing</c> without a change before it counts as stuck.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromMinutes(30);

    public bool Any => Failed > 0 || Stuck > 0;

    public static async Task<OrdersNeedingAttention> CountAsync(IpSolisDbContext db, AssetTypeScope scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var orders = OrderList.InScope(db.Set<Order>().AsNoTracking(), scope);
        var failed = await orders.CountAsync(o => o.Status == OrderStatus.Failed, cancellationToken);
        var since = now - StuckAfter;
        var stuck = await orders.CountAsync(o => o.Status == OrderStatus.Processing && o.UpdatedAt < since, cancellationToken);
        return new(failed, stuck);
    }
}
