using IpSolis.Domain;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// Places an order: one transaction checks eligibility, dates, attributes, justification, quota and capacity (or
/// reserves a free asset), routes it (approval, scheduled or processing), enqueues the provision job and writes the
/// audit row. Every entry point uses it.
/// </summary>
/// <remarks>
/// Race-free on both providers. On PostgreSQL the transaction starts by locking the asset type's row
/// (<c>FOR UPDATE</c>), so the quota and capacity counts of one type are taken one placement at a time, and free
/// assets are taken with <c>SKIP LOCKED</c>. On SQLite the transaction is IMMEDIATE behind the single write gate and
/// begins before the first read it depends on. Within a node, placements of one type also queue in process
/// (<see cref="RowGate"/>) before they take a connection, so a burst of orders for one type waits in memory instead of
/// holding the connection pool on the row lock. Directory look-ups (possibly LDAP) happen before the transaction so
/// the write lock is never held across the network; the type read then is re-checked inside the transaction by its
/// version.
/// </remarks>
public sealed class OrderPlacement(
    IDbContextFactory<IpSolisDbContext> contexts,
    IPersonDirectory directory,
    IApprovalRouting approvals,
    PoolAssignments pool,
    IJobQueue jobs,
    IAuditTrail audit,
    SettingsStore settings,
    Lifecycle.IOrderNotifier notifier,
    [FromKeyedServices(OrderPlacement.TypeGate)] RowGate typeGate,
    TimeProvider time)
{
    /// <summary>The service key of the node's <see cref="RowGate"/> over asset types, taken by every placement.</summary>
    public const string TypeGate = "orders.asset-types";

    private const int MaxAttempts = 3;

    public async Task<Result<Order>> PlaceAsync(PlaceOrder request, OrderCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await TryPlaceAsync(request, caller, cancellationToken);
            if (outcome.Retry is null)
                return outcome.Result;
            if (attempt == MaxAttempts)
                return outcome.Retry;
        }
    }

    private async Task<(Result<Order> Result, DomainError? Retry)> TryPlaceAsync(PlaceOrder request, OrderCaller caller, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        AssetType? type;
        await using (var read = await contexts.CreateDbContextAsync(cancellationToken))
            type = await read.Set<AssetType>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == request.AssetTypeId, cancellationToken);
        if (type is null || !caller.Scope.Allows(type.Id))
            return (OrderErrors.AssetTypeNotFound(request.AssetTypeId), null);
        if (!type.IsActive)
            return (OrderErrors.AssetTypeInactive(type.Name), null);

        var checkedRequest = await CheckRequestAsync(request, type, now, cancellationToken);
        if (!checkedRequest.Succeeded)
            return (Result<Order>.Failure([.. checkedRequest.Errors]), null);
        var facts = checkedRequest.Value;

        var person = await LookUpRequesterAsync(facts.RequesterEmail, type, cancellationToken);
        if (!person.Succeeded)
            return (Result<Order>.Failure([.. person.Errors]), null);
        var entry = person.Value;
        var prepared = await approvals.PrepareAsync(type, facts.OwnerEmail ?? facts.RequesterEmail, caller, cancellationToken);
        if (!prepared.Succeeded)
            return (Result<Order>.Failure([.. prepared.Errors]), null);

        using var queued = await typeGate.EnterAsync(type.Id, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await LockTypeAsync(db, type.Id, cancellationToken);
        if (current is null || !caller.Scope.Allows(current.Id))
            return (OrderErrors.AssetTypeNotFound(request.AssetTypeId), null);
        if (current.Version != type.Version)
            return (default, OrderErrors.TypeChanged(type.Name));
        if (!current.IsActive)
            return (OrderErrors.AssetTypeInactive(type.Name), null);

        if (type.MaxPerUser > 0)
        {
            var statuses = await HoldingOrders(db, type.Id)
                .Where(o => o.RequesterEmail == facts.RequesterEmail)
                .Select(o => o.Status)
                .ToListAsync(cancellationToken);
            if (OrderQuota.Check(type.MaxPerUser, QuotaUse.Of(statuses)) is { } quota)
                return (quota, null);
        }

        long? sharedAssetId = null;
        switch (type.AssignmentModel)
        {
            case AssignmentModel.CapacityPooled:
                var holding = await HoldingOrders(db, type.Id).CountAsync(cancellationToken);
                if (OrderCapacity.Check(type.PoolCapacity, holding) is { } full)
                    return (full, null);
                break;
            case AssignmentModel.DedicatedShared:
                sharedAssetId = type.SharedAssetId;
                if (sharedAssetId is null || !await db.Set<PoolAsset>().AnyAsync(a => a.Id == sharedAssetId, cancellationToken))
                    return (OrderErrors.NoSharedAsset(type.Name), null);
                break;
        }

        var order = new Order
        {
            AssetTypeId = type.Id,
            Action = OrderAction.Provision,
            // Provisional until routing decides; never committed like this.
            Status = OrderStatus.Processing,
            RequesterEmail = facts.RequesterEmail,
            RequesterName = entry?.DisplayName ?? facts.RequesterEmail,
            OwnerEmail = facts.OwnerEmail,
            OwnerName = facts.OwnerName,
            PlacedBy = caller.Actor.Id,
            Source = request.Source,
            RequestedFrom = request.From.ToUniversalTime(),
            RequestedUntil = request.Until.ToUniversalTime(),
            AttributesJson = OrderAttributes.Write(facts.Attributes),
            Justification = facts.Justification,
            RdpUsers = facts.RdpUsers,
            AdminUsers = facts.AdminUsers,
            AssignedAssetId = sharedAssetId,
            RequesterDepartment = entry?.Department,
            RequesterCostCenter = entry?.CostCenter,
            RequesterTitle = entry?.Title,
            Classification = WireName<Classification>.Of(type.StrictestClassification),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(order);
        await db.SaveChangesAsync(cancellationToken);

        PoolAsset? asset = null;
        if (type.AssignmentModel == AssignmentModel.AssignedPersonal)
        {
            asset = type.PersonalProvisioningStrategy == PersonalProvisioningStrategy.CreateNew
                ? await pool.CreateForOrderAsync(db, type, order.Id, order.RequesterEmail, entry?.Username, order.RequestedUntil, order.OwnerEmail, cancellationToken)
                : await pool.ReserveFreeAsync(db, type.Id, order.Id, order.RequestedUntil, order.OwnerEmail, cancellationToken);
            if (asset is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                return (OrderErrors.NoneAvailable(type.Name), null);
            }

            // A created asset needs its id before the order can point at it.
            if (asset.Id == 0)
                await db.SaveChangesAsync(cancellationToken);
            order.AssignedAssetId = asset.Id;
        }

        var routed = await approvals.RouteAsync(db, current, order, caller, prepared.Value, cancellationToken);
        if (!routed.Succeeded)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (Result<Order>.Failure([.. routed.Errors]), null);
        }

        order.Status = OrderRouting.Route(routed.Value, order.RequestedFrom, now);
        if (!OrderTransitions.CanStartIn(OrderAction.Provision, order.Status))
            throw new InvalidOperationException($"A new provision order cannot start as {order.Status}.");
        if (order.Status == OrderStatus.Processing)
            await jobs.EnqueueAsync(db, OrderRunner.Request(order), cancellationToken);

        audit.Record(db, caller.Actor, new AuditEvent(
            "order.placed", "order", OrderFacts.Id(order.Id), null,
            new
            {
                status = WireName<OrderStatus>.Of(order.Status),
                action = WireName<OrderAction>.Of(order.Action),
                assetTypeId = type.Id,
                assetType = type.Name,
                assignmentModel = WireName<AssignmentModel>.Of(type.AssignmentModel),
                requesterEmail = order.RequesterEmail,
                ownerEmail = order.OwnerEmail,
                from = order.RequestedFrom,
                until = order.RequestedUntil,
                assignedAssetId = order.AssignedAssetId,
                assignedAssetName = asset?.Name,
                attributes = facts.Attributes.ToDictionary(p => p.Key, p => p.Value.ToString()),
                justification = order.Justification,
                rdpUsers = facts.RdpUsers,
                adminUsers = facts.AdminUsers,
                source = order.Source,
            },
            order.Classification));
        await notifier.OrderPlacedAsync(db, order, type, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (order, null);
    }

    /// <summary>Every check that needs nothing but the request, the type and the clock; all errors at once.</summary>
    private async Task<Result<CheckedRequest>> CheckRequestAsync(PlaceOrder request, AssetType type, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new List<DomainError>();
        var requester = OrderPeople.CheckEmail(request.RequesterEmail, "requesterEmail");
        errors.AddRange(requester.Errors);
        string? owner = null;
        if (!string.IsNullOrWhiteSpace(request.OwnerEmail))
        {
            var ownerCheck = OrderPeople.CheckEmail(request.OwnerEmail, "ownerEmail");
            errors.AddRange(ownerCheck.Errors);
            if (ownerCheck.Succeeded)
                owner = ownerCheck.Value;
        }

        var maxAdvanceDays = await settings.GetAsync(OrderSettings.MaxAdvanceDays, cancellationToken);
        errors.AddRange(OrderDates.Check(request.From, request.Until, now, maxAdvanceDays, type.MaximumLifetimeDays));
        var attributes = AttributeValues.Check(type.Attributes, request.Attributes);
        errors.AddRange(attributes.Errors);
        var justification = OrderJustification.Check(type.CollectJustification, type.JustificationRequired, request.Justification);
        errors.AddRange(justification.Errors);
        var rdp = OrderPeople.CheckList(request.RdpUsers, type.AllowRdpUsers, "rdpUsers");
        errors.AddRange(rdp.Errors);
        var admins = OrderPeople.CheckList(request.AdminUsers, type.AllowAdminUsers, "adminUsers");
        errors.AddRange(admins.Errors);
        if (errors.Count > 0)
            return Result<CheckedRequest>.Failure([.. errors]);

        var requesterEmail = requester.Value;
        if (owner == requesterEmail)
            owner = null;
        string? ownerName = null;
        if (owner is not null)
        {
            try
            {
                ownerName = (await directory.FindPersonAsync(owner, cancellationToken))?.DisplayName;
            }
            catch (DirectoryUnavailableException)
            {
                // The owner's display name is a convenience; the order does not depend on it.
            }
        }

        return new CheckedRequest(requesterEmail, owner, ownerName, attributes.Value, justification.Value, rdp.Value, admins.Value);
    }

    /// <summary>
    /// Eligibility (fails closed when the directory cannot answer) and the requester's directory snapshot. A requester
    /// the directory does not know still orders through the API and the admin console (null entry); an inactive one
    /// cannot order at all.
    /// </summary>
    private async Task<Result<DirectoryEntry?>> LookUpRequesterAsync(string requesterEmail, AssetType type, CancellationToken cancellationToken)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(type.EligibleGroup)
                && !await directory.IsMemberAsync(requesterEmail, type.EligibleGroup, cancellationToken))
            {
                return OrderErrors.NotEligible(requesterEmail, type.Name);
            }
        }
        catch (DirectoryUnavailableException ex)
        {
            return OrderErrors.DirectoryUnavailable(ex.Message);
        }

        DirectoryEntry? entry;
        try
        {
            entry = await directory.FindPersonAsync(requesterEmail, cancellationToken);
        }
        catch (DirectoryUnavailableException)
        {
            // The snapshot (name, department, cost centre, title) is best effort and never blocks an order.
            entry = null;
        }

        if (entry is { IsActive: false })
            return OrderErrors.RequesterInactive(requesterEmail);
        return Result<DirectoryEntry?>.Success(entry);
    }

    private static async Task<AssetType?> LockTypeAsync(IpSolisDbContext db, long typeId, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL")
            return await db.Set<AssetType>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == typeId, cancellationToken);
        var rows = await db.Set<AssetType>()
            .FromSqlInterpolated($"SELECT * FROM asset_types WHERE id = {typeId} FOR UPDATE")
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return rows.FirstOrDefault();
    }

    private static IQueryable<Order> HoldingOrders(IpSolisDbContext db, long typeId)
    {
        var holding = OrderStatuses.Holding.ToList();
        return db.Set<Order>().Where(o => o.AssetTypeId == typeId && o.Action == OrderAction.Provision && holding.Contains(o.Status));
    }

    private sealed record CheckedRequest(
        string RequesterEmail,
        string? OwnerEmail,
        string? OwnerName,
        IReadOnlyDictionary<string, AttributeValue> Attributes,
        string? Justification,
        IReadOnlyList<string> RdpUsers,
        IReadOnlyList<string> AdminUsers);
}
