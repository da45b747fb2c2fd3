using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders.Portal;

/// <summary>
/// The portal's reads of orders, always for one person: the orders they requested or own, and nothing else. An
/// order outside that is answered exactly like one that does not exist.
/// </summary>
public static class PortalOrders
{
    public const int PageSize = 25;

    /// <summary>The person's orders, newest first, older than <paramref name="before"/> when given (keyset paging);
    /// one more than a page is read so the caller knows whether an "older" link is needed.</summary>
    public static async Task<IReadOnlyList<MyOrderRow>> ListAsync(IpSolisDbContext db, string email, long? before, CancellationToken cancellationToken)
    {
        var key = email.ToLowerInvariant();
        var mine = db.Set<Order>().AsNoTracking().Where(o => o.RequesterEmail == key || o.OwnerEmail == key);
        if (before is { } older)
            mine = mine.Where(o => o.Id < older);
        var rows = await Rows(db, mine.OrderByDescending(o => o.Id).Take(PageSize + 1)).ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(r => r.Id)];
    }

    /// <summary>The order with everything its page shows, or null when it does not exist or the person is neither
    /// its requester nor its owner.</summary>
    public static async Task<PortalOrderDetail?> DetailAsync(IpSolisDbContext db, string email, long id, CancellationToken cancellationToken)
    {
        var key = email.ToLowerInvariant();
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (order is null || !Reaches(order.RequesterEmail, order.OwnerEmail, key))
            return null;
        var type = await db.Set<AssetType>().AsNoTracking().FirstAsync(t => t.Id == order.AssetTypeId, cancellationToken);
        var assetName = order.AssignedAssetId is { } assetId
            ? await db.Set<PoolAsset>().AsNoTracking().Where(a => a.Id == assetId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
            : null;

        // The family: the provision order and every change or return acting on it.
        var root = order.ParentOrderId ?? order.Id;
        var family = await db.Set<Order>().AsNoTracking()
            .Where(o => o.Id == root || o.ParentOrderId == root)
            .Where(o => o.RequesterEmail == key || o.OwnerEmail == key)
            .OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.Action, o.Status, o.RequestedFrom, o.RequestedUntil, o.CreatedAt, o.UpdatedAt, o.CompletedAt })
            .ToListAsync(cancellationToken);
        var ids = family.Select(o => o.Id).ToList();
        var steps = await db.Set<OrderStep>().AsNoTracking().Where(s => ids.Contains(s.OrderId)).ToListAsync(cancellationToken);

        var timeline = new List<TimelineEvent>();
        foreach (var member in family)
        {
            var own = steps.Where(s => s.OrderId == member.Id).ToList();
            timeline.Add(new TimelineEvent(member.CreatedAt, member.Id, member.Action, TimelineMoment.Created, member.Status));
            if (own.Where(s => s.StartedAt is not null).Select(s => s.StartedAt!.Value).DefaultIfEmpty().Min() is var started && started != default)
                timeline.Add(new TimelineEvent(started, member.Id, member.Action, TimelineMoment.Started, member.Status));
            if (RunOutcome(member.Action, member.Status, own) is { } run)
                timeline.Add(new TimelineEvent(run.At, member.Id, member.Action, TimelineMoment.Completed, run.Status));
            if (member.CompletedAt is { } ended && OrderStatuses.IsTerminal(member.Status) && member.Status != RunOutcome(member.Action, member.Status, own)?.Status)
                timeline.Add(new TimelineEvent(ended, member.Id, member.Action, TimelineMoment.Completed, member.Status));
        }

        var related = family.Where(o => o.Id != order.Id)
            .Select(o => new MyOrderRow(o.Id, o.Action, o.Status, type.Name, assetName, o.RequestedFrom, o.RequestedUntil, o.CreatedAt))
            .ToList();
        var log = type.StepVisibility == StepVisibility.Off
            ? []
            : steps.Where(s => s.OrderId == order.Id).OrderBy(s => s.Position).ToList();
        return new PortalOrderDetail(order, type, assetName, related, [.. timeline.OrderBy(e => e.At).ThenBy(e => e.OrderId).ThenBy(e => e.Moment)], log);
    }

    /// <summary>The person's requester or owner email decides what they see; the emails are stored lower case.</summary>
    public static bool Reaches(string requesterEmail, string? ownerEmail, string email) =>
        string.Equals(requesterEmail, email, StringComparison.OrdinalIgnoreCase)
        || string.Equals(ownerEmail, email, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the order's run ended and when (its last step's end): failed when a step failed, otherwise what a
    /// successful run of its action leads to. Null while it runs or when it never ran.</summary>
    private static (DateTimeOffset At, OrderStatus Status)? RunOutcome(OrderAction action, OrderStatus status, IReadOnlyList<OrderStep> steps)
    {
        if (status == OrderStatus.Processing)
            return null;
        var finished = steps.Where(s => s.FinishedAt is not null).Select(s => s.FinishedAt!.Value).ToList();
        if (finished.Count == 0)
            return null;
        var outcome = steps.Any(s => s.Status == StepStatus.Failed) ? OrderStatus.Failed : OrderTransitions.Completed(action);
        return (finished.Max(), outcome);
    }

    /// <summary>Rows with their type's and asset's names (one query with two joins).</summary>
    internal static IQueryable<MyOrderRow> Rows(IpSolisDbContext db, IQueryable<Order> orders) =>
        from o in orders
        join t in db.Set<AssetType>() on o.AssetTypeId equals t.Id
        join a in db.Set<PoolAsset>() on o.AssignedAssetId equals (long?)a.Id into assets
        from a in assets.DefaultIfEmpty()
        select new MyOrderRow(o.Id, o.Action, o.Status, t.Name, a == null ? null : a.Name, o.RequestedFrom, o.RequestedUntil, o.CreatedAt);
}
