using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// Takes approval decisions, for every surface (portal inbox, one-click link, API, admin force-decide). One
/// transaction per decision: it locks the order, re-reads every row of it, applies <see cref="ApprovalQuorum.Decide"/>
/// and, when the approval completes, moves the order on and enqueues its provision job exactly as placement does;
/// a decline rejects the order and releases its reserved asset. The audit row commits with the decision.
/// </summary>
/// <remarks>
/// Serialized per order: on PostgreSQL the order row is locked (<c>FOR UPDATE</c>) before its approval rows are
/// read, so of twenty approvers deciding at once each sees the decisions committed before it and the order is
/// dispatched once; on SQLite every write transaction begins IMMEDIATE behind the single write gate, which gives
/// the same order.
/// </remarks>
public sealed class ApprovalDecisions(
    IDbContextFactory<IpSolisDbContext> contexts,
    PoolAssignments pool,
    IJobQueue jobs,
    IAuditTrail audit,
    IApprovalNotifier notifier,
    TimeProvider time,
    ApprovalMetrics metrics)
{
    /// <summary>The approver's own decision on their row (<paramref name="approverEmail"/> must be the row's approver).</summary>
    public Task<Result<ApprovalDecisionResult>> DecideAsync(
        long approvalId, string approverEmail, AuditActor actor, bool approve, string? comment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approverEmail);
        return DecideCoreAsync(approvalId, approverEmail.Trim().ToLowerInvariant(), actor, approve, comment, cancellationToken);
    }

    /// <summary>
    /// A superadmin decides a row for its approver (the approver is away, the order is urgent). Separation of duties
    /// is not checked here: the superadmin answers for it, and the audit row says it was forced.
    /// </summary>
    public Task<Result<ApprovalDecisionResult>> ForceDecideAsync(
        long approvalId, AuditActor actor, bool approve, string? comment, CancellationToken cancellationToken) =>
        DecideCoreAsync(approvalId, null, actor, approve, comment, cancellationToken);

    private async Task<Result<ApprovalDecisionResult>> DecideCoreAsync(
        long approvalId, string? approverEmail, AuditActor actor, bool approve, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment is { Length: > ApprovalErrors.MaxCommentLength })
            return ApprovalErrors.CommentTooLong();

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // What the decision does not change is read before the transaction, so SQLite's one writer is held for the
        // decision only: the row's order and type (fixed for an order's life) and who configured the type.
        var placed = await db.Set<OrderApproval>().Where(a => a.Id == approvalId)
            .Join(db.Set<Order>(), a => a.OrderId, o => o.Id, (a, o) => new { a.OrderId, o.AssetTypeId })
            .FirstOrDefaultAsync(cancellationToken);
        if (placed is null)
            return ApprovalErrors.NotFound(approvalId);
        var type = await db.Set<AssetType>().AsNoTracking().FirstAsync(t => t.Id == placed.AssetTypeId, cancellationToken);
        var configurers = approve && approverEmail is not null ? await ConfigurersAsync(db, type.Id, cancellationToken) : [];

        // One save, nothing caught: a failed save ends the decision, so the savepoint EF Core would wrap around it
        // (two more round trips while the audit chain's head is locked) protects nothing.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var orderId = placed.OrderId;
        var order = await LockOrderAsync(db, orderId, cancellationToken);
        var rows = await db.Set<OrderApproval>().Where(a => a.OrderId == orderId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var row = rows.SingleOrDefault(r => r.Id == approvalId);
        if (row is null || order is null || (approverEmail is not null && !string.Equals(row.ApproverEmail, approverEmail, StringComparison.OrdinalIgnoreCase)))
            return ApprovalErrors.NotFound(approvalId);

        if (row.Status == ApprovalState.Pending && order.Status != OrderStatus.PendingApproval)
            return ApprovalErrors.OrderNotWaiting(WireName<OrderStatus>.Of(order.Status));

        var decision = ApprovalQuorum.Decide(rows.Select(r => r.Vote).ToList(), approvalId, approve);
        if (!decision.Succeeded)
            return Result<ApprovalDecisionResult>.Failure([.. decision.Errors.Select(e => e with { Code = ApprovalErrors.AlreadyDecidedCode })]);

        if (approve && approverEmail is not null && SeparationOfDuties.CheckApproval([row.ApproverEmail], configurers, row.SodExempt) is { } conflict)
            return conflict;

        var now = time.GetUtcNow();
        var outcome = decision.Value;
        row.Status = outcome.NewState;
        row.DecidedAt = now;
        row.Comment = comment;
        row.DecidedBy = approverEmail is null ? actor.Id : null;
        foreach (var closed in rows.Where(r => outcome.Superseded.Contains(r.Id)))
        {
            closed.Status = ApprovalState.Superseded;
            closed.DecidedAt = now;
        }

        // The requester's mail first. Writing it saves the context once (the messages' ids go into their delivery jobs);
        // a save with no audit row pending does not lock the audit chain's head, so on PostgreSQL the head is locked
        // only by the decision's own save just before the commit, not across the mail's inserts as well: every
        // decision and provisioning step of the cluster queues on that lock.
        if (outcome.Outcome == ApprovalOutcome.Approved)
            await notifier.OrderApprovedAsync(db, order, type, row, cancellationToken);
        else if (outcome.Outcome == ApprovalOutcome.Rejected)
            await notifier.OrderDeclinedAsync(db, order, type, row, comment, cancellationToken);

        var classification = order.Classification;
        audit.Record(db, actor, new AuditEvent(
            approverEmail is null ? (approve ? "approval.force_approved" : "approval.force_declined") : (approve ? "approval.approved" : "approval.declined"),
            "order_approval", row.Id.ToString(CultureInfo.InvariantCulture),
            new { status = "pending" },
            new
            {
                orderId = order.Id,
                status = WireName<ApprovalState>.Of(row.Status),
                approver = row.ApproverEmail,
                onBehalfOf = row.OnBehalfOfEmail,
                comment,
                forced = approverEmail is null,
                superseded = outcome.Superseded,
            },
            classification));

        switch (outcome.Outcome)
        {
            case ApprovalOutcome.Approved:
                order.Status = OrderRouting.AfterApproval(order.RequestedFrom, now);
                order.UpdatedAt = now;
                if (order.Status == OrderStatus.Processing)
                    await jobs.EnqueueAsync(db, OrderRunner.Request(order), cancellationToken);
                audit.Record(db, actor, new AuditEvent("order.approved", "order", OrderFacts.Id(order.Id),
                    new { status = "pending_approval" }, new { status = WireName<OrderStatus>.Of(order.Status) }, classification));
                break;
            case ApprovalOutcome.Rejected:
                var reason = $"Declined by {(string.IsNullOrWhiteSpace(row.ApproverName) ? row.ApproverEmail : row.ApproverName)}: {comment ?? "no reason given"}";
                var rejected = await RejectAsync(db, actor, order, type, row, reason, now, cancellationToken);
                if (!rejected.Succeeded)
                    return Result<ApprovalDecisionResult>.Failure([.. rejected.Errors]);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Decided(approve, approverEmail is null ? ApprovalMetrics.BySuperadmin : ApprovalMetrics.ByApprover);
        return new ApprovalDecisionResult(row, outcome.Outcome, order.Status);
    }

    /// <summary>
    /// Declines <paramref name="orderId"/> for want of a decision when its oldest pending approval waited the policy's
    /// auto-decline time (<see cref="ApprovalFollowUps.AutoDeclineDue"/>, checked again under the order's lock): that
    /// row is declined as <paramref name="actor"/> (the system), the others are closed, the order is rejected with
    /// <paramref name="message"/> and the requester is told. Null when nothing is due (decided meanwhile).
    /// </summary>
    public async Task<Result<ApprovalDecisionResult?>> DeclineForInactivityAsync(
        long orderId, ApprovalFollowUpPolicy policy, string message, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await LockOrderAsync(db, orderId, cancellationToken);
        if (order is null || order.Status != OrderStatus.PendingApproval)
            return (ApprovalDecisionResult?)null;
        var rows = await db.Set<OrderApproval>().Where(a => a.OrderId == orderId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var due = ApprovalFollowUps.AutoDeclineDue(rows.Where(r => r.Status == ApprovalState.Pending).Select(r => r.Wait), policy, now);
        if (due is null)
            return (ApprovalDecisionResult?)null;
        var decision = ApprovalQuorum.Decide(rows.Select(r => r.Vote).ToList(), due.Id, approve: false);
        if (!decision.Succeeded)
            return (ApprovalDecisionResult?)null;

        var days = (int)policy.AutoDeclineAfter!.Value.TotalDays;
        var reason = $"Auto-declined (no decision in {days.ToString(CultureInfo.InvariantCulture)} days): {message}";
        var row = rows.Single(r => r.Id == due.Id);
        row.Status = ApprovalState.Declined;
        row.DecidedAt = now;
        row.DecidedBy = actor.Id;
        row.Comment = reason.Length > ApprovalErrors.MaxCommentLength ? reason[..ApprovalErrors.MaxCommentLength] : reason;
        foreach (var closed in rows.Where(r => decision.Value.Superseded.Contains(r.Id)))
        {
            closed.Status = ApprovalState.Superseded;
            closed.DecidedAt = now;
        }

        var type = await db.Set<AssetType>().AsNoTracking().FirstAsync(t => t.Id == order.AssetTypeId, cancellationToken);
        // The mail before the audit rows, as in a decision (see DecideCoreAsync).
        await notifier.OrderDeclinedAsync(db, order, type, row, message, cancellationToken);
        audit.Record(db, actor, new AuditEvent("approval.auto_declined", "order_approval", row.Id.ToString(CultureInfo.InvariantCulture),
            new { status = "pending" },
            new
            {
                orderId = order.Id,
                status = "declined",
                approver = row.ApproverEmail,
                waitingSince = row.CreatedAt,
                afterDays = days,
                superseded = decision.Value.Superseded,
            },
            order.Classification));
        var rejected = await RejectAsync(db, actor, order, type, row, reason, now, cancellationToken);
        if (!rejected.Succeeded)
            return Result<ApprovalDecisionResult?>.Failure([.. rejected.Errors]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        metrics.Decided(approved: false, ApprovalMetrics.ByAutoDecline);
        return new ApprovalDecisionResult(row, ApprovalOutcome.Rejected, order.Status);
    }

    /// <summary>Rejects the order for <paramref name="row"/>'s decline: releases its reserved asset and audits. The caller
    /// has written the requester's mail already.</summary>
    private async Task<Result<bool>> RejectAsync(IpSolisDbContext db, AuditActor actor, Order order, AssetType type, OrderApproval row,
        string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        order.Status = OrderStatus.Rejected;
        order.ErrorMessage = reason;
        order.UpdatedAt = now;
        order.CompletedAt = now;
        if (order.Action == OrderAction.Provision && order.AssignedAssetId is { } assetId && type.AssignmentModel == Domain.Catalog.AssignmentModel.AssignedPersonal)
        {
            var released = await pool.ReleaseFromOrderAsync(db, assetId, order.Id, forReinstall: false, cancellationToken);
            if (!released.Succeeded)
                return Result<bool>.Failure([.. released.Errors]);
        }

        audit.Record(db, actor, new AuditEvent("order.rejected", "order", OrderFacts.Id(order.Id),
            new { status = "pending_approval" }, new { status = "rejected", reason }, order.Classification));
        return true;
    }

    /// <summary>Whoever created, changed or cloned the type, by the whole identities their audit actor ids carry.</summary>
    private static async Task<IReadOnlyList<string>> ConfigurersAsync(IpSolisDbContext db, long typeId, CancellationToken cancellationToken)
    {
        var id = typeId.ToString(CultureInfo.InvariantCulture);
        string[] actions = ["asset_type.created", "asset_type.updated", "asset_type.cloned"];
        var actors = await db.Set<AuditEntry>().AsNoTracking()
            .Where(e => e.EntityType == "asset_type" && e.EntityId == id && actions.Contains(e.Action))
            .Select(e => e.Actor).Distinct().ToListAsync(cancellationToken);
        return actors.SelectMany(ApprovalIdentities.OfActor).ToList();
    }

    private static async Task<Order?> LockOrderAsync(IpSolisDbContext db, long orderId, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
            return await db.Set<Order>().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        var rows = await db.Set<Order>()
            .FromSqlInterpolated($"SELECT * FROM orders WHERE id = {orderId} FOR UPDATE")
            .ToListAsync(cancellationToken);
        return rows.FirstOrDefault();
    }
}
