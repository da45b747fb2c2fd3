using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Orders.Portal;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Lifecycle.Portal;

/// <summary>
/// Reads "My IT" for one person: provision orders they requested or own, live (provisioned) or in motion. One query;
/// the emails and statuses it filters on are indexed.
/// </summary>
public static class MyIt
{
    /// <summary>Nobody holds more; the cap keeps one odd account from making the page slow for itself.</summary>
    public const int MaxShown = 500;

    /// <summary>Statuses of the second list: on the way (approval, scheduled, processing), stuck (failed) or going back (revoking).</summary>
    public static readonly IReadOnlyList<OrderStatus> InMotion =
        [OrderStatus.PendingApproval, OrderStatus.Scheduled, OrderStatus.Processing, OrderStatus.Failed, OrderStatus.Revoking];

    public static async Task<MyItView> LoadAsync(IpSolisDbContext db, string email, CancellationToken cancellationToken)
    {
        var key = email.ToLowerInvariant();
        var statuses = InMotion.Append(OrderStatus.Provisioned).ToList();
        var mine = db.Set<Order>().AsNoTracking()
            .Where(o => o.RequesterEmail == key || o.OwnerEmail == key)
            .Where(o => o.Action == OrderAction.Provision && statuses.Contains(o.Status))
            .OrderBy(o => o.RequestedUntil).ThenBy(o => o.Id)
            .Take(MaxShown);
        var rows = await PortalOrders.Rows(db, mine).ToListAsync(cancellationToken);
        var ordered = rows.OrderBy(r => r.Until).ThenBy(r => r.Id).ToList();
        return new MyItView(
            [.. ordered.Where(r => r.Status == OrderStatus.Provisioned)],
            [.. ordered.Where(r => r.Status != OrderStatus.Provisioned).OrderBy(r => r.From).ThenBy(r => r.Id)]);
    }
}
