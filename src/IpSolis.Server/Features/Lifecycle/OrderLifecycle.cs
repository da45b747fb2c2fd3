using IpSolis.Domain;
using IpSolis.Domain.Lifecycle;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// What happens to an order after it is placed, on request: change (extend, RDP/admin lists, owner), return or
/// cancel, and an operator's retry. Each returns the order it created (a modify or delete order) or changed.
/// Each runs in one transaction that locks the order, writes its audit rows and enqueues the order's run, so the
/// run exists exactly when the change commits.
/// </summary>
public sealed class OrderLifecycle(
    IDbContextFactory<IpSolisDbContext> contexts,
    IAuditTrail audit,
    IJobQueue jobs,
    PoolAssignments pool,
    IPersonDirectory directory,
    IChangeReapproval reapproval,
    TimeProvider time)
{
    /// <summary>
    /// Asks for a change to an active provision order: a new end (extension or shortening), new RDP/admin lists,
    /// a new owner (empty removes it). The change is a modify order of its own carrying the new values; the order
    /// itself (and its asset's expiry) changes only when that modify order is delivered, never while it waits for
    /// approval.
    /// </summary>
    public async Task<Result<Order>> ChangeAsync(long orderId, OrderChange change, OrderCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(caller);

        // The directory is asked before the transaction (a slow directory must not hold the write lock), and only
        // for an order the caller reaches; the transaction checks everything again under the lock.
        Order? seen;
        await using (var read = await contexts.CreateDbContextAsync(cancellationToken))
            seen = await read.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (seen is null || !caller.Reaches(seen))
            return NotFound(orderId);
        var byRequesterOrAdministrator = !caller.IsPortal || string.Equals(caller.PortalEmail, seen.RequesterEmail, StringComparison.OrdinalIgnoreCase);
        var newOwner = await ResolveOwnerAsync(seen, change, byRequesterOrAdministrator, cancellationToken);
        if (!newOwner.Succeeded)
            return Result<Order>.Failure([.. newOwner.Errors]);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var parent = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        if (parent is null || !caller.Reaches(parent))
            return NotFound(orderId);
        if (parent.Action != OrderAction.Provision)
            return NotAProvisionOrder(parent);
        if (!OrderStatuses.Active.Contains(parent.Status))
            return ExtensionRules.NotActive(parent.Status);
        if (await OpenChanges.FirstAsync(db, parent.Id, cancellationToken) is { } open)
            return ChangeRules.ChangeInProgress(open.Id, open.Status);
        var type = await db.Set<AssetType>().AsNoTracking().SingleAsync(t => t.Id == parent.AssetTypeId, cancellationToken);

        var now = time.GetUtcNow();
        var errors = new List<DomainError>();
        var until = parent.RequestedUntil;
        if (change.Until is { } requestedUntil && requestedUntil != parent.RequestedUntil)
        {
            var refused = ExtensionRules.Check(parent.Status, parent.RequestedFrom, parent.RequestedUntil, requestedUntil, now,
                new LifetimePolicy(type.Renewable, type.MaximumLifetimeDays));
            if (refused is null)
                until = requestedUntil;
            else
                errors.Add(refused);
        }

        var rdpUsers = CheckList(change.RdpUsers, parent.RdpUsers, type.AllowRdpUsers, ChangeRules.RdpUsersField, errors);
        var adminUsers = CheckList(change.AdminUsers, parent.AdminUsers, type.AllowAdminUsers, ChangeRules.AdminUsersField, errors);

        var (ownerEmail, ownerName) = (parent.OwnerEmail, parent.OwnerName);
        var changesOwner = change.OwnerEmail is not null && !string.Equals(newOwner.Value?.Email, parent.OwnerEmail, StringComparison.OrdinalIgnoreCase);
        if (changesOwner && !byRequesterOrAdministrator)
            errors.Add(new DomainError("order.owner_change_forbidden", "Only the requester or an administrator may change the owner.", ChangeRules.OwnerField));
        else if (changesOwner)
            (ownerEmail, ownerName) = (newOwner.Value?.Email, newOwner.Value?.DisplayName);

        if (errors.Count > 0)
            return Result<Order>.Failure([.. errors]);
        var extends = ExtensionRules.IsExtension(parent.RequestedUntil, until);
        var listsChange = !ChangeRules.SameUsers(rdpUsers, parent.RdpUsers) || !ChangeRules.SameUsers(adminUsers, parent.AdminUsers);
        if (until == parent.RequestedUntil && !listsChange && !changesOwner)
            return ChangeRules.NothingToChange();

        var modify = new Order
        {
            AssetTypeId = parent.AssetTypeId,
            Action = OrderAction.Modify,
            Status = OrderStatus.Processing,
            ParentOrderId = parent.Id,
            RequesterEmail = parent.RequesterEmail,
            RequesterName = parent.RequesterName,
            OwnerEmail = ownerEmail,
            OwnerName = ownerName,
            PlacedBy = caller.Actor.Id,
            Source = SourceOf(caller),
            RequestedFrom = now,
            RequestedUntil = until,
            AttributesJson = parent.AttributesJson,
            RdpUsers = rdpUsers,
            AdminUsers = adminUsers,
            AssignedAssetId = parent.AssignedAssetId,
            ProvisionedStateJson = parent.ProvisionedStateJson,
            RequesterDepartment = parent.RequesterDepartment,
            RequesterCostCenter = parent.RequesterCostCenter,
            RequesterTitle = parent.RequesterTitle,
            Classification = parent.Classification,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(modify);
        await db.SaveChangesAsync(cancellationToken);

        var addsUsers = ChangeRules.AddsUsers(parent.RdpUsers, rdpUsers) || ChangeRules.AddsUsers(parent.AdminUsers, adminUsers);
        var waits = await reapproval.RequiresApprovalAsync(db, new ChangeReapprovalRequest(parent, modify, type, caller, extends, addsUsers, changesOwner), cancellationToken);
        if (!waits.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Result<Order>.Failure([.. waits.Errors]);
        }

        if (waits.Value)
            modify.Status = OrderStatus.PendingApproval;
        else
            await jobs.EnqueueAsync(db, OrderRunner.Request(modify), cancellationToken);

        audit.Record(db, caller.Actor, new AuditEvent(
            "order.change_requested", "order", OrderFacts.Id(modify.Id),
            new { until = parent.RequestedUntil, rdpUsers = parent.RdpUsers, adminUsers = parent.AdminUsers, ownerEmail = parent.OwnerEmail },
            new
            {
                parentOrderId = parent.Id,
                status = WireName<OrderStatus>.Of(modify.Status),
                until,
                rdpUsers,
                adminUsers,
                ownerEmail,
                extends,
            },
            parent.Classification));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return modify;
    }

    /// <summary>
    /// Returns or cancels an order. Awaiting approval, scheduled or failed: cancelled at once and its reserved asset
    /// freed (returns the cancelled order). Active: it becomes revoking and a delete order takes the asset back
    /// (returns the delete order). A change not yet applied is withdrawn.
    /// </summary>
    public async Task<Result<Order>> ReturnAsync(long orderId, OrderCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await LockWithAssetAsync(db, orderId, cancellationToken);
        if (order is null || !caller.Reaches(order))
            return NotFound(orderId);
        var decided = ReturnRules.Decide(order.Action, order.Status);
        if (!decided.Succeeded)
            return Result<Order>.Failure([.. decided.Errors]);

        var now = time.GetUtcNow();
        var from = order.Status;
        Order result;
        if (decided.Value == ReturnOutcome.Cancel)
        {
            long? released = null;
            if (order.Action == OrderAction.Provision && order.AssignedAssetId is { } assetId)
            {
                // Only an asset this order still holds goes back: a shared asset (or one already given to someone
                // else) is left as it is.
                var asset = await pool.ReleaseFromOrderAsync(db, assetId, order.Id, forReinstall: false, cancellationToken);
                if (!asset.Succeeded)
                    return Result<Order>.Failure([.. asset.Errors]);
                if (asset.Value.CurrentOrderId is null && db.Entry(asset.Value).Property(a => a.Status).IsModified)
                    released = assetId;
            }

            order.Status = OrderStatus.Cancelled;
            order.UpdatedAt = now;
            order.CompletedAt = now;
            audit.Record(db, caller.Actor, new AuditEvent(
                "order.cancelled", "order", OrderFacts.Id(order.Id),
                new { status = WireName<OrderStatus>.Of(from) },
                new { status = WireName<OrderStatus>.Of(order.Status), releasedAssetId = released, parentOrderId = order.ParentOrderId },
                order.Classification));
            result = order;
        }
        else
        {
            var running = await OpenChanges.WithdrawWaitingAsync(db, audit, caller.Actor, order, $"Order {order.Id} was returned.", now, cancellationToken);
            if (running is not null)
                return ChangeRules.ChangeInProgress(running.Id, running.Status);

            order.Status = OrderStatus.Revoking;
            order.UpdatedAt = now;
            var delete = DeprovisionOrders.For(order, caller.Actor, SourceOf(caller), now);
            db.Add(delete);
            await db.SaveChangesAsync(cancellationToken);
            await jobs.EnqueueAsync(db, OrderRunner.Request(delete), cancellationToken);
            audit.Record(db, caller.Actor, new AuditEvent(
                "order.returned", "order", OrderFacts.Id(order.Id),
                new { status = WireName<OrderStatus>.Of(from) },
                new { status = WireName<OrderStatus>.Of(order.Status), deleteOrderId = delete.Id, assetId = order.AssignedAssetId },
                order.Classification));
            result = delete;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// An operator runs a failed order again from its first step: the step log is cleared, the order becomes
    /// processing and its run is enqueued. Administrators only.
    /// </summary>
    public async Task<Result<Order>> RetryAsync(long orderId, OrderCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsPortal)
            return new DomainError("order.forbidden", "Only an administrator can retry an order.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        if (order is null || !caller.Reaches(order))
            return NotFound(orderId);
        if (RetryRules.Check(order.Action, order.Status) is { } refused)
            return refused;

        // The run starts from its first step: a step that succeeded before runs again (built-in steps check before
        // they act), so the log shows this run only.
        var steps = await db.Set<OrderStep>().Where(s => s.OrderId == order.Id).ExecuteDeleteAsync(cancellationToken);
        var error = order.ErrorMessage;
        var now = time.GetUtcNow();
        order.Status = OrderStatus.Processing;
        order.ErrorMessage = null;
        order.CompletedAt = null;
        order.UpdatedAt = now;
        await jobs.EnqueueAsync(db, OrderRunner.Request(order), cancellationToken);
        audit.Record(db, caller.Actor, new AuditEvent(
            "order.retried", "order", OrderFacts.Id(order.Id),
            new { status = WireName<OrderStatus>.Of(OrderStatus.Failed), errorMessage = error },
            new { status = WireName<OrderStatus>.Of(order.Status), stepsCleared = steps },
            order.Classification));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return order;
    }

    /// <summary>
    /// The directory entry of the owner the change asks for; null when it removes the owner (or gives none). Checks
    /// who may change the owner first, so nobody learns from the directory whom they may not name.
    /// </summary>
    private async Task<Result<DirectoryEntry?>> ResolveOwnerAsync(Order order, OrderChange change, bool byRequesterOrAdministrator, CancellationToken cancellationToken)
    {
        if (change.OwnerEmail is null)
            return Result<DirectoryEntry?>.Success(null);
        var requested = change.OwnerEmail.Trim().ToLowerInvariant();
        if (string.Equals(order.OwnerEmail ?? "", requested, StringComparison.Ordinal))
            return order.OwnerEmail is null ? Result<DirectoryEntry?>.Success(null) : new DirectoryEntry(order.OwnerEmail, order.OwnerName ?? order.OwnerEmail);
        var email = ChangeRules.CheckOwner(byRequesterOrAdministrator, order.RequesterEmail, requested);
        if (!email.Succeeded)
            return Result<DirectoryEntry?>.Failure([.. email.Errors]);
        if (email.Value is null)
            return Result<DirectoryEntry?>.Success(null);

        // As when an order is placed, the directory only supplies the owner's name: an owner it does not know (or a
        // directory that cannot answer) is taken by email. A leaver is refused: they would manage nothing.
        DirectoryEntry? person;
        try
        {
            person = await directory.FindPersonAsync(email.Value, cancellationToken);
        }
        catch (DirectoryUnavailableException)
        {
            person = null;
        }

        if (person is { IsActive: false })
            return new DomainError("order.owner_inactive", $"{email.Value} is inactive in the directory and cannot own an order.", ChangeRules.OwnerField);
        return new DirectoryEntry(email.Value, person?.DisplayName ?? email.Value);
    }

    /// <summary>
    /// Locks the order's asset, then the order, in the order the run and the pool's force release take them, so
    /// a return racing either of them waits instead of deadlocking (PostgreSQL; SQLite has one writer).
    /// </summary>
    private static async Task<Order?> LockWithAssetAsync(IpSolisDbContext db, long orderId, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            var assetId = await db.Set<Order>().AsNoTracking().Where(o => o.Id == orderId).Select(o => o.AssignedAssetId).FirstOrDefaultAsync(cancellationToken);
            if (assetId is { } id)
                await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM pool_assets WHERE id = {id} FOR UPDATE", cancellationToken);
        }

        return await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
    }

    private static IReadOnlyList<string> CheckList(IReadOnlyList<string>? requested, IReadOnlyList<string> current, bool offered, string field, List<DomainError> errors)
    {
        if (requested is null)
            return current;
        var checkedList = ChangeRules.CheckList(requested, current, offered, field);
        if (checkedList.Succeeded)
            return checkedList.Value;
        errors.AddRange(checkedList.Errors);
        return current;
    }

    /// <summary>The entry point recorded on orders the lifecycle creates for this caller.</summary>
    internal static string SourceOf(OrderCaller caller) => caller switch
    {
        { IsPortal: true } => "portal",
        _ when caller.Actor.Id.StartsWith("token:", StringComparison.Ordinal) => "api",
        _ when caller.Actor.Id.StartsWith("system:", StringComparison.Ordinal) => "system",
        _ => "admin",
    };

    private static DomainError NotFound(long orderId) => new("order.not_found", $"Order {orderId} does not exist.", "orderId");

    private static DomainError NotAProvisionOrder(Order order) => new(
        "order.transition_not_allowed",
        $"Order {order.Id} is a {WireName<OrderAction>.Of(order.Action)} order; changes apply to the order it acts on (#{order.ParentOrderId}).",
        "status");
}
