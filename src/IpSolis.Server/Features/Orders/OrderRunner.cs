using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// <c>orders.run</c>: runs a <c>processing</c> order's steps (every registered <see cref="IOrderStepSource"/>, the
/// built-in steps today) and moves the order to its result: provision → provisioned, modify → delivered,
/// delete → revoked. Each step has one row in <c>order_steps</c>, updated in place.
/// </summary>
/// <remarks>
/// The run is one transaction of its own that locks the asset and the orders it touches (PostgreSQL
/// <c>FOR UPDATE</c>; SQLite's single writer), so a force release or a second run waits and then finds the order no
/// longer processing. Idempotent: a run of an order that is not processing does nothing. When a step fails, its
/// effects are rolled back and the order fails with the error recorded on the step and the order; an unexpected
/// error is retried by the queue, and on the last attempt the order fails instead of staying processing.
/// </remarks>
public sealed partial class OrderRunner(
    IDbContextFactory<IpSolisDbContext> contexts,
    IEnumerable<IOrderStepSource> sources,
    IEnumerable<IOrderRunGate> gates,
    IAuditTrail audit,
    Lifecycle.IOrderNotifier notifier,
    TimeProvider time,
    ILogger<OrderRunner> logger) : JobHandler<OrderRunPayload>
{
    public const string Kind = "orders.run";

    private static readonly AuditActor Actor = AuditActor.System(Kind);

    /// <summary>The job that runs <paramref name="order"/>: provisioning queue, ends on the reclaim queue; one live job per order.</summary>
    public static JobRequest Request(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new JobRequest(Kind, new OrderRunPayload(order.Id))
        {
            Queue = order.Action == OrderAction.Delete ? JobQueues.Reclaim : JobQueues.Provision,
            UniqueKey = $"{Kind}:{order.Id}",
        };
    }

    protected override async Task RunAsync(JobContext job, OrderRunPayload payload, CancellationToken cancellationToken)
    {
        try
        {
            await RunOrderAsync(payload.OrderId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && job.Attempt >= job.MaxAttempts)
        {
            LogGivenUp(logger, payload.OrderId, job.Attempt, ex.Message);
            await RecordFailureAsync(payload.OrderId, [], $"The run failed after {job.Attempt} attempts: {ex.Message}", cancellationToken);
        }
    }

    /// <summary>Runs the order now if it is processing. Returns its status afterwards (null when it does not exist).</summary>
    public async Task<OrderStatus?> RunOrderAsync(long orderId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var peek = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId)
            .Select(o => new { o.Status, o.AssignedAssetId, o.ParentOrderId })
            .FirstOrDefaultAsync(cancellationToken);
        if (peek is null || peek.Status != OrderStatus.Processing)
            return peek?.Status;

        // Outside work (a runbook) runs before the transaction, step by step, and re-enqueues this run when it is done.
        foreach (var gate in gates)
        {
            var verdict = await gate.BeforeRunAsync(orderId, cancellationToken);
            if (verdict.Decision == OrderGateDecision.Wait)
                return OrderStatus.Processing;
            if (verdict.Decision == OrderGateDecision.Fail)
            {
                await RecordFailureAsync(orderId, [], verdict.Error ?? "The order's outside work failed.", cancellationToken);
                return OrderStatus.Failed;
            }
        }

        var parentAssetId = peek.ParentOrderId is { } parentId
            ? await db.Set<Order>().AsNoTracking().Where(o => o.Id == parentId).Select(o => o.AssignedAssetId).FirstOrDefaultAsync(cancellationToken)
            : null;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Lock order: asset first, then orders by id (a parent is older than its change), as the pool's force release does.
        await LockAssetAsync(db, peek.AssignedAssetId ?? parentAssetId, cancellationToken);
        var parent = peek.ParentOrderId is { } pid ? await OrderRows.FindForUpdateAsync(db, pid, cancellationToken) : null;
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        if (order is null || order.Status != OrderStatus.Processing)
            return order?.Status;
        var type = await db.Set<AssetType>().AsNoTracking().FirstAsync(t => t.Id == order.AssetTypeId, cancellationToken);

        var now = time.GetUtcNow();
        var run = new OrderRun(db, order, type, parent, now, Actor);
        var steps = sources.SelectMany(s => s.StepsFor(run)).OrderBy(s => s.Stage).ToList();
        var rows = await PrepareRowsAsync(db, order.Id, steps, cancellationToken);

        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var row = rows[i];
            row.Status = StepStatus.Running;
            row.StartedAt = time.GetUtcNow();
            OrderStepOutcome outcome;
            try
            {
                outcome = await step.RunAsync(run, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogStepCrashed(logger, ex, order.Id, step.Code);
                outcome = OrderStepOutcome.Failed(ex.Message);
            }

            row.FinishedAt = time.GetUtcNow();
            row.Status = outcome.Status;
            row.Output = Truncate(outcome.Output, 16000);
            row.Error = Truncate(outcome.Error, 4000);
            if (outcome.Status == StepStatus.Failed)
            {
                // Undo what the earlier steps changed in this transaction; keep the record of what ran.
                var record = rows.Select(Copy).ToList();
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                await RecordFailureAsync(order.Id, record, $"{step.Name} failed: {outcome.Error}", cancellationToken);
                return OrderStatus.Failed;
            }
        }

        var from = order.Status;
        var to = OrderTransitions.Completed(order.Action);
        var check = OrderTransitions.Check(order.Action, from, to);
        if (!check.Succeeded)
            throw new InvalidOperationException(check.Errors[0].Message);
        order.Status = to;
        order.ErrorMessage = null;
        order.UpdatedAt = time.GetUtcNow();
        if (OrderStatuses.IsTerminal(to))
            order.CompletedAt = order.UpdatedAt;
        audit.Record(db, Actor, new AuditEvent(
            "order." + WireName<OrderStatus>.Of(to), "order", OrderFacts.Id(order.Id),
            new { status = WireName<OrderStatus>.Of(from) },
            new
            {
                status = WireName<OrderStatus>.Of(to),
                action = WireName<OrderAction>.Of(order.Action),
                parentOrderId = order.ParentOrderId,
                parentStatus = parent is null ? null : WireName<OrderStatus>.Of(parent.Status),
                assignedAssetId = run.Asset?.Id ?? order.AssignedAssetId,
                assignedAssetName = run.Asset?.Name,
                steps = rows.Select(r => new { code = r.Code, status = WireName<StepStatus>.Of(r.Status), output = r.Output }),
            },
            order.Classification));
        if (order.Action != OrderAction.Delete)
            await notifier.OrderDeliveredAsync(db, order, type, run.Asset?.Name ?? run.ProvisionedState?.AssetName, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return to;
    }

    /// <summary>
    /// Fails a processing order whose outside work (its runbook run) failed or was cancelled, keeping its step log;
    /// an order no longer processing is left as it is.
    /// </summary>
    public Task FailOrderAsync(long orderId, string error, CancellationToken cancellationToken) =>
        RecordFailureAsync(orderId, [], error, cancellationToken);

    /// <summary>One row per planned step: rows of an earlier run (a retry) are reused in place, extra ones removed.</summary>
    private static async Task<List<OrderStep>> PrepareRowsAsync(IpSolisDbContext db, long orderId, IReadOnlyList<OrderRunStep> steps, CancellationToken cancellationToken)
    {
        var existing = await db.Set<OrderStep>().AsTracking().Where(s => s.OrderId == orderId).ToListAsync(cancellationToken);
        var rows = new List<OrderStep>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var row = existing.FirstOrDefault(s => s.Position == i + 1);
            if (row is null)
            {
                row = new OrderStep { OrderId = orderId, Position = i + 1, Code = steps[i].Code, Name = steps[i].Name };
                db.Add(row);
            }

            row.Code = steps[i].Code;
            row.Name = steps[i].Name;
            row.Status = StepStatus.Pending;
            row.StartedAt = null;
            row.FinishedAt = null;
            row.Output = null;
            row.Error = null;
            rows.Add(row);
        }

        db.RemoveRange(existing.Where(s => s.Position > steps.Count));
        return rows;
    }

    /// <summary>Marks the order failed (if it is still processing) with the step rows as they ran.</summary>
    private async Task RecordFailureAsync(long orderId, IReadOnlyList<OrderStep> record, string error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        if (order is null || order.Status != OrderStatus.Processing)
            return;

        if (record.Count > 0)
        {
            var existing = await db.Set<OrderStep>().AsTracking().Where(s => s.OrderId == orderId).ToListAsync(cancellationToken);
            foreach (var step in record)
            {
                var row = existing.FirstOrDefault(s => s.Position == step.Position);
                if (row is null)
                {
                    row = new OrderStep { OrderId = orderId, Position = step.Position, Code = step.Code, Name = step.Name };
                    db.Add(row);
                }

                row.Code = step.Code;
                row.Name = step.Name;
                row.Status = step.Status;
                row.StartedAt = step.StartedAt;
                row.FinishedAt = step.FinishedAt;
                row.Output = step.Output;
                row.Error = step.Error;
            }

            db.RemoveRange(existing.Where(s => s.Position > record.Count));
        }

        var check = OrderTransitions.Check(order.Action, order.Status, OrderStatus.Failed);
        if (!check.Succeeded)
            throw new InvalidOperationException(check.Errors[0].Message);
        order.Status = OrderStatus.Failed;
        order.ErrorMessage = Truncate(error, 4000);
        order.UpdatedAt = time.GetUtcNow();
        audit.Record(db, Actor, new AuditEvent(
            "order.failed", "order", OrderFacts.Id(order.Id),
            new { status = WireName<OrderStatus>.Of(OrderStatus.Processing) },
            new { status = WireName<OrderStatus>.Of(OrderStatus.Failed), action = WireName<OrderAction>.Of(order.Action), error = order.ErrorMessage },
            order.Classification));
        if (order.Action != OrderAction.Delete)
            await notifier.OrderFailedAsync(db, order, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task LockAssetAsync(IpSolisDbContext db, long? assetId, CancellationToken cancellationToken)
    {
        if (assetId is not { } id || db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
            return;
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM pool_assets WHERE id = {id} FOR UPDATE", cancellationToken);
    }

    private static OrderStep Copy(OrderStep row) => new()
    {
        OrderId = row.OrderId,
        Position = row.Position,
        Code = row.Code,
        Name = row.Name,
        Status = row.Status,
        StartedAt = row.StartedAt,
        FinishedAt = row.FinishedAt,
        Output = row.Output,
        Error = row.Error,
    };

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Step {Step} of order {OrderId} threw")]
    private static partial void LogStepCrashed(ILogger logger, Exception exception, long orderId, string step);

    [LoggerMessage(Level = LogLevel.Error, Message = "Order {OrderId} failed: its run kept failing (attempt {Attempt}): {Error}")]
    private static partial void LogGivenUp(ILogger logger, long orderId, int attempt, string error);
}
