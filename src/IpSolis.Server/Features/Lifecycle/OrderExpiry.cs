using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// <c>orders.expire</c>, every five minutes: every active provision order whose end has passed expires and a delete
/// order takes its asset back (run on the reclaim queue). It reads the order's own end, whatever backs it — a pool
/// asset, a capacity seat, a shared asset — so every assignment model expires (the reference only reclaimed busy
/// pool assets, §11 item 13). One small transaction per order; an order whose change is being carried out right
/// now is left for the next run.
/// </summary>
internal sealed partial class OrderExpiry(
    IDbContextFactory<IpSolisDbContext> contexts,
    IAuditTrail audit,
    IJobQueue jobs,
    IOrderNotifier notifier,
    TimeProvider time,
    ILogger<OrderExpiry> logger) : IJobHandler
{
    public const string Kind = "orders.expire";

    /// <summary>Orders expired per run at most; the rest follow five minutes later.</summary>
    public const int BatchSize = 200;

    public static readonly RecurringJob Schedule = new(Kind, "*/5 * * * *", "UTC", Kind);

    private static readonly AuditActor Actor = AuditActor.System(Kind);

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            due = await db.Set<Order>().AsNoTracking()
                .Where(o => o.Status == OrderStatus.Provisioned && o.Action == OrderAction.Provision && o.RequestedUntil <= now)
                .OrderBy(o => o.RequestedUntil).ThenBy(o => o.Id)
                .Select(o => o.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var expired = 0;
        foreach (var id in due)
        {
            if (await ExpireAsync(id, now, cancellationToken))
                expired++;
        }

        if (expired > 0)
            LogExpired(logger, expired);
    }

    private async Task<bool> ExpireAsync(long orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        // Returned, revoked or extended since the list was read.
        if (order is null || order.Status != OrderStatus.Provisioned || order.RequestedUntil > now)
            return false;
        if (!OrderTransitions.IsAllowed(order.Action, order.Status, OrderStatus.Expired))
            return false;

        var running = await OpenChanges.WithdrawWaitingAsync(db, audit, Actor, order, $"Order {order.Id} expired.", now, cancellationToken);
        if (running is not null)
        {
            // The change may move the end; once it is delivered the next run decides again.
            LogDeferred(logger, order.Id, running.Id);
            return false;
        }

        order.Status = OrderStatus.Expired;
        order.UpdatedAt = time.GetUtcNow();
        order.CompletedAt = order.UpdatedAt;
        var delete = DeprovisionOrders.For(order, Actor, "system", order.UpdatedAt);
        db.Add(delete);
        await db.SaveChangesAsync(cancellationToken);
        await jobs.EnqueueAsync(db, OrderRunner.Request(delete), cancellationToken);
        audit.Record(db, Actor, new AuditEvent(
            "order.expired", "order", OrderFacts.Id(order.Id),
            new { status = WireName<OrderStatus>.Of(OrderStatus.Provisioned) },
            new { status = WireName<OrderStatus>.Of(order.Status), requestedUntil = order.RequestedUntil, deleteOrderId = delete.Id, assetId = order.AssignedAssetId },
            order.Classification));
        await notifier.OrderExpiredAsync(db, order, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} orders whose end has passed; their assets are being reclaimed")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} is past its end but its change {ChangeId} is running; it expires on a later run")]
    private static partial void LogDeferred(ILogger logger, long orderId, long changeId);
}
