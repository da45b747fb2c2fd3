using IpSolis.Domain.Approvals;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// What approvers and administrators read about approvals. An approver reads only rows addressed to their own email
/// (matched case-insensitively: rows are stored lower-cased); administrators read an order's rows after the order's
/// own scope check.
/// </summary>
public sealed class ApprovalInbox(IDbContextFactory<IpSolisDbContext> contexts)
{
    public const int RecentLimit = 50;

    public async Task<IReadOnlyList<ApprovalItem>> PendingForAsync(string approverEmail, CancellationToken cancellationToken)
    {
        var email = approverEmail.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<OrderApproval>().AsNoTracking()
            .Where(a => a.ApproverEmail == email && a.Status == ApprovalState.Pending)
            .OrderBy(a => a.Id).Take(500);
        return (await Items(db, rows).ToListAsync(cancellationToken)).OrderBy(i => i.Approval.Id).ToList();
    }

    public async Task<IReadOnlyList<ApprovalItem>> RecentForAsync(string approverEmail, CancellationToken cancellationToken)
    {
        var email = approverEmail.Trim().ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<OrderApproval>().AsNoTracking()
            .Where(a => a.ApproverEmail == email && (a.Status == ApprovalState.Approved || a.Status == ApprovalState.Declined))
            .OrderByDescending(a => a.Id).Take(RecentLimit);
        return (await Items(db, rows).ToListAsync(cancellationToken)).OrderByDescending(i => i.Approval.Id).ToList();
    }

    /// <summary>One row, for the one-click link page (the token already named the row and its approver).</summary>
    public async Task<ApprovalItem?> FindAsync(long approvalId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Set<OrderApproval>().AsNoTracking().Where(a => a.Id == approvalId);
        return (await Items(db, rows).ToListAsync(cancellationToken)).FirstOrDefault();
    }

    /// <summary>Every row of one order, in the order they were created (callers check the order's scope first).</summary>
    public async Task<IReadOnlyList<OrderApproval>> ForOrderAsync(long orderId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<OrderApproval>().AsNoTracking().Where(a => a.OrderId == orderId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
    }

    /// <summary>The rows with their order's facts; filter and order the rows before, the projection is final.</summary>
    private static IQueryable<ApprovalItem> Items(IpSolisDbContext db, IQueryable<OrderApproval> rows) =>
        from approval in rows
        join order in db.Set<Order>().AsNoTracking() on approval.OrderId equals order.Id
        join type in db.Set<AssetType>().AsNoTracking() on order.AssetTypeId equals type.Id
        select new ApprovalItem(approval, order.Id, order.Status, type.Name, order.RequesterEmail, order.RequesterName, order.OwnerEmail,
            order.RequestedFrom, order.RequestedUntil, order.Justification, order.AttributesJson);
}
