using IpSolis.Domain.Orders;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// Holds an order whose type has an active runbook for its action until the runbook has run: the first time it
/// creates the order's run and waits; while the run is unfinished it waits; once the run succeeded the order's
/// in-transaction steps proceed. A failed or cancelled run means the order was retried (the run failing fails the
/// order itself): a new run starts from the failed step, carrying over the steps that succeeded.
/// </summary>
public sealed class RunbookOrderGate(IDbContextFactory<IpSolisDbContext> contexts, RunbookRuns runs) : IOrderRunGate
{
    public async Task<OrderGateVerdict> BeforeRunAsync(long orderId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var peek = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.AssetTypeId, o.Action }).FirstOrDefaultAsync(cancellationToken);
        if (peek is null)
            return OrderGateVerdict.Proceed;
        var action = ActionOf(peek.Action);
        var runbook = await db.Set<Runbook>().AsNoTracking().Include(r => r.Steps)
            .FirstOrDefaultAsync(r => r.AssetTypeId == peek.AssetTypeId && r.Action == action && r.IsActive, cancellationToken);
        var latest = await db.Set<RunbookRun>().AsNoTracking().Where(r => r.OrderId == orderId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest?.Status == RunbookRunStatus.Succeeded)
            return OrderGateVerdict.Proceed;
        if (latest?.Status is RunbookRunStatus.Pending or RunbookRunStatus.Running)
            return OrderGateVerdict.Wait;
        if (runbook is null)
            return OrderGateVerdict.Proceed;

        // Create the run under the order's row lock, so two runs of the order never both start one.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        if (order is null || order.Status != OrderStatus.Processing)
            return OrderGateVerdict.Wait;
        var again = await db.Set<RunbookRun>().AsNoTracking().Where(r => r.OrderId == orderId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
        if (again?.Id != latest?.Id)
            return OrderGateVerdict.Wait;
        await runs.CreateAsync(db, runbook, orderId, "order", "system:orders.run", latest, order.Action == OrderAction.Delete, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OrderGateVerdict.Wait;
    }

    /// <summary>The runbook action an order action runs (an extension or change is a modify).</summary>
    public static RunbookAction ActionOf(OrderAction action) => action switch
    {
        OrderAction.Delete => RunbookAction.Deprovision,
        OrderAction.Modify => RunbookAction.Modify,
        _ => RunbookAction.Provision,
    };
}
