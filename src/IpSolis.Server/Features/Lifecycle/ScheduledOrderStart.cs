using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// <c>orders.start_scheduled</c>, every five minutes: scheduled orders whose start has come become processing and
/// their run is enqueued. One small transaction per order (lock, check again, move, enqueue, audit), so a second
/// run of the job, or two nodes, start each order once.
/// </summary>
internal sealed partial class ScheduledOrderStart(
    IDbContextFactory<IpSolisDbContext> contexts,
    IAuditTrail audit,
    IJobQueue jobs,
    TimeProvider time,
    ILogger<ScheduledOrderStart> logger) : IJobHandler
{
    public const string Kind = "orders.start_scheduled";

    /// <summary>Orders started per run at most; the rest wait for the next run five minutes later.</summary>
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
                .Where(o => o.Status == OrderStatus.Scheduled && o.Action == OrderAction.Provision && o.RequestedFrom <= now)
                .OrderBy(o => o.RequestedFrom).ThenBy(o => o.Id)
                .Select(o => o.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var started = 0;
        foreach (var id in due)
        {
            if (await StartAsync(id, now, cancellationToken))
                started++;
        }

        if (started > 0)
            LogStarted(logger, started);
    }

    private async Task<bool> StartAsync(long orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        // Cancelled, or started by someone else, since the list was read.
        if (order is null || order.Status != OrderStatus.Scheduled || order.RequestedFrom > now)
            return false;
        var check = OrderTransitions.Check(order.Action, order.Status, OrderStatus.Processing);
        if (!check.Succeeded)
            return false;

        order.Status = OrderStatus.Processing;
        order.UpdatedAt = time.GetUtcNow();
        await jobs.EnqueueAsync(db, OrderRunner.Request(order), cancellationToken);
        audit.Record(db, Actor, new AuditEvent(
            "order.started", "order", OrderFacts.Id(order.Id),
            new { status = WireName<OrderStatus>.Of(OrderStatus.Scheduled) },
            new { status = WireName<OrderStatus>.Of(order.Status), requestedFrom = order.RequestedFrom },
            order.Classification));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Started {Count} scheduled orders whose start date has come")]
    private static partial void LogStarted(ILogger logger, int count);
}
