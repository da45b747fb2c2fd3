using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// The steps that need no outside system and complete an order end to end: provision (reserve or confirm the asset,
/// mark it busy, set its expiry, record what was provisioned), modify (apply the change to the order it changes) and
/// delete (give the asset back per the deprovision policy, revoke the order it ends). Every step checks before it
/// acts, so a repeated run finds the work done and changes nothing twice.
/// </summary>
public sealed class BuiltInOrderSteps(PoolAssignments pool) : IOrderStepSource
{
    public IEnumerable<OrderRunStep> StepsFor(OrderRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        switch (run.Order.Action)
        {
            case OrderAction.Provision:
                yield return new OrderRunStep("reserve_asset", "Reserve asset", OrderRunStep.Prepare, ReserveAsync);
                yield return new OrderRunStep("mark_busy", "Mark asset busy", OrderRunStep.Complete, MarkBusyAsync);
                yield return new OrderRunStep("set_expiry", "Set expiry", OrderRunStep.Complete, SetExpiryAsync);
                yield return new OrderRunStep("record_provisioned_state", "Record provisioned state", OrderRunStep.Complete, RecordStateAsync);
                break;
            case OrderAction.Modify:
                yield return new OrderRunStep("apply_change", "Apply change", OrderRunStep.Complete, ApplyChangeAsync);
                break;
            case OrderAction.Delete:
                yield return new OrderRunStep("release_asset", "Release asset", OrderRunStep.Complete, ReleaseAsync);
                yield return new OrderRunStep("revoke_order", "Revoke the ended order", OrderRunStep.Complete, RevokeParentAsync);
                break;
        }
    }

    private async Task<OrderStepOutcome> ReserveAsync(OrderRun run, CancellationToken cancellationToken)
    {
        var order = run.Order;
        switch (run.Type.AssignmentModel)
        {
            case AssignmentModel.CapacityPooled:
                return OrderStepOutcome.Skipped("No asset per order: the order takes one of the type's seats.");
            case AssignmentModel.DedicatedShared:
                order.AssignedAssetId ??= run.Type.SharedAssetId;
                if (order.AssignedAssetId is not { } sharedId || await FindAsync(run.Database, sharedId, cancellationToken) is not { } shared)
                    return OrderStepOutcome.Failed($"{run.Type.Name} has no shared asset set up.");
                run.Asset = shared;
                return OrderStepOutcome.Succeeded($"Shared asset {shared.Name}.");
        }

        // Personal: normally reserved when the order was placed; a repeated run finds the asset it took before.
        if (order.AssignedAssetId is { } assignedId && await FindAsync(run.Database, assignedId, cancellationToken) is { } assigned
            && assigned.CurrentOrderId == order.Id && PoolAssetTransitions.IsHeld(assigned.Status))
        {
            run.Asset = assigned;
            return OrderStepOutcome.Skipped($"Already reserved: {assigned.Name}.");
        }

        var held = await run.Database.Set<PoolAsset>().AsTracking()
            .FirstOrDefaultAsync(a => a.CurrentOrderId == order.Id && (a.Status == PoolAssetStatus.Reserved || a.Status == PoolAssetStatus.Busy), cancellationToken);
        if (held is not null)
        {
            order.AssignedAssetId = held.Id;
            run.Asset = held;
            return OrderStepOutcome.Skipped($"Already reserved: {held.Name}.");
        }

        var asset = run.Type.PersonalProvisioningStrategy == PersonalProvisioningStrategy.CreateNew
            ? await pool.CreateForOrderAsync(run.Database, run.Type, order.Id, order.RequesterEmail, null, order.RequestedUntil, order.OwnerEmail, cancellationToken)
            : await pool.ReserveFreeAsync(run.Database, run.Type.Id, order.Id, order.RequestedUntil, order.OwnerEmail, cancellationToken);
        if (asset is null)
            return OrderStepOutcome.Failed($"No {run.Type.Name} is free.");
        if (asset.Id == 0)
            await run.Database.SaveChangesAsync(cancellationToken);
        order.AssignedAssetId = asset.Id;
        run.Asset = asset;
        return OrderStepOutcome.Succeeded(run.Type.PersonalProvisioningStrategy == PersonalProvisioningStrategy.CreateNew
            ? $"Created and reserved {asset.Name}."
            : $"Reserved {asset.Name}.");
    }

    private async Task<OrderStepOutcome> MarkBusyAsync(OrderRun run, CancellationToken cancellationToken)
    {
        if (run.Type.AssignmentModel != AssignmentModel.AssignedPersonal || run.Asset is not { } asset)
            return OrderStepOutcome.Skipped("No asset of its own to mark: shared and pooled assets stay as they are.");
        if (asset.Status == PoolAssetStatus.Busy)
            return OrderStepOutcome.Skipped($"{asset.Name} is busy already.");
        var busy = await pool.MarkBusyAsync(run.Database, asset.Id, run.Order.Id, asset.ExpiresAt, cancellationToken);
        return busy.Succeeded ? OrderStepOutcome.Succeeded($"{asset.Name} is busy.") : OrderStepOutcome.Failed(busy.Errors[0].Message);
    }

    private async Task<OrderStepOutcome> SetExpiryAsync(OrderRun run, CancellationToken cancellationToken)
    {
        var until = run.Order.RequestedUntil;
        if (run.Type.AssignmentModel != AssignmentModel.AssignedPersonal || run.Asset is not { } asset)
            return OrderStepOutcome.Succeeded($"The order ends {Instant(until)}.");
        var set = await pool.SetExpiryAsync(run.Database, asset.Id, run.Order.Id, until, cancellationToken);
        return set.Succeeded ? OrderStepOutcome.Succeeded($"{asset.Name} expires {Instant(until)}.") : OrderStepOutcome.Failed(set.Errors[0].Message);
    }

    private static Task<OrderStepOutcome> RecordStateAsync(OrderRun run, CancellationToken cancellationToken)
    {
        var state = new ProvisionedState(
            run.StartedAt, run.Type.AssignmentModel, run.Type.AutomationStrategy, run.Type.DeprovisionPolicy,
            run.Asset?.Id ?? run.Order.AssignedAssetId, run.Asset?.Name);
        run.Order.ProvisionedStateJson = state.ToJson();
        return Task.FromResult(OrderStepOutcome.Succeeded(
            $"{WireName<AssignmentModel>.Of(state.AssignmentModel)}, {WireName<DeprovisionPolicy>.Of(state.DeprovisionPolicy)}"
            + (state.AssetName is null ? "." : $", asset {state.AssetName}.")));
    }

    /// <summary>
    /// A modify order carries the complete new state of what it changes (end, RDP users, admin users, owner); the step
    /// copies it onto the provision order and moves the personal asset's expiry with it.
    /// </summary>
    private async Task<OrderStepOutcome> ApplyChangeAsync(OrderRun run, CancellationToken cancellationToken)
    {
        if (run.Parent is not { } parent)
            return OrderStepOutcome.Failed("A change needs the order it changes.");
        if (parent.Status != OrderStatus.Provisioned)
            return OrderStepOutcome.Failed($"The order it changes is {WireName<OrderStatus>.Of(parent.Status)}, no longer active.");

        var change = run.Order;
        var changes = new List<string>();
        if (parent.RequestedUntil != change.RequestedUntil)
        {
            changes.Add($"end {Instant(parent.RequestedUntil)} → {Instant(change.RequestedUntil)}");
            // A new end date earns a new reminder before it.
            if (change.RequestedUntil > parent.RequestedUntil)
                parent.ExpiryReminderSentAt = null;
            parent.RequestedUntil = change.RequestedUntil;
        }

        if (parent.RdpUsersJson != change.RdpUsersJson)
        {
            parent.RdpUsersJson = change.RdpUsersJson;
            changes.Add("RDP users: " + People(parent.RdpUsers));
        }

        if (parent.AdminUsersJson != change.AdminUsersJson)
        {
            parent.AdminUsersJson = change.AdminUsersJson;
            changes.Add("admin users: " + People(parent.AdminUsers));
        }

        if (!string.Equals(parent.OwnerEmail, change.OwnerEmail, StringComparison.OrdinalIgnoreCase))
        {
            parent.OwnerEmail = change.OwnerEmail;
            parent.OwnerName = change.OwnerName;
            changes.Add("owner: " + (change.OwnerEmail ?? "none"));
        }

        var assetId = parent.AssignedAssetId;
        var state = ProvisionedState.FromJson(parent.ProvisionedStateJson);
        if ((state?.AssignmentModel ?? run.Type.AssignmentModel) == AssignmentModel.AssignedPersonal && assetId is { } id)
        {
            var expiry = await pool.SetExpiryAsync(run.Database, id, parent.Id, parent.RequestedUntil, cancellationToken);
            if (!expiry.Succeeded)
                return OrderStepOutcome.Failed(expiry.Errors[0].Message);
        }

        parent.UpdatedAt = run.StartedAt;
        return changes.Count == 0
            ? OrderStepOutcome.Skipped("Nothing to change: the order already reads like this.")
            : OrderStepOutcome.Succeeded("Changed " + string.Join("; ", changes) + ".");
    }

    private async Task<OrderStepOutcome> ReleaseAsync(OrderRun run, CancellationToken cancellationToken)
    {
        if (run.Parent is not { } parent)
            return OrderStepOutcome.Failed("An end needs the order it ends.");
        var state = run.ProvisionedState;
        var model = state?.AssignmentModel ?? run.Type.AssignmentModel;
        var policy = state?.DeprovisionPolicy ?? run.Type.DeprovisionPolicy;
        var release = OrderRelease.For(model, policy);
        if (release == AssetRelease.None)
            return OrderStepOutcome.Skipped($"No asset of its own to give back ({WireName<AssignmentModel>.Of(model)}).");
        if ((state?.AssetId ?? parent.AssignedAssetId) is not { } assetId)
            return OrderStepOutcome.Skipped("The order held no asset.");

        if (await FindAsync(run.Database, assetId, cancellationToken) is not { } held)
            return OrderStepOutcome.Skipped($"Asset {assetId} no longer exists.");
        run.Asset = held;
        if (held.CurrentOrderId != parent.Id || !PoolAssetTransitions.IsHeld(held.Status))
            return OrderStepOutcome.Skipped($"{held.Name} is no longer held by order {parent.Id}; left as it is.");

        var released = await pool.ReleaseFromOrderAsync(run.Database, assetId, parent.Id, release == AssetRelease.Reinstall, cancellationToken);
        if (!released.Succeeded)
            return OrderStepOutcome.Failed(released.Errors[0].Message);
        var asset = released.Value;
        return OrderStepOutcome.Succeeded(release == AssetRelease.Reinstall
            ? $"{asset.Name} goes to reinstall ({WireName<DeprovisionPolicy>.Of(policy)})."
            : $"{asset.Name} is free again ({WireName<DeprovisionPolicy>.Of(policy)}).");
    }

    private static Task<OrderStepOutcome> RevokeParentAsync(OrderRun run, CancellationToken cancellationToken)
    {
        if (run.Parent is not { } parent)
            return Task.FromResult(OrderStepOutcome.Failed("An end needs the order it ends."));
        if (OrderStatuses.IsTerminal(parent.Status))
            return Task.FromResult(OrderStepOutcome.Skipped($"Order {parent.Id} is {WireName<OrderStatus>.Of(parent.Status)} already."));
        var check = OrderTransitions.Check(parent.Action, parent.Status, OrderStatus.Revoked);
        if (!check.Succeeded)
            return Task.FromResult(OrderStepOutcome.Failed(check.Errors[0].Message));
        var from = parent.Status;
        parent.Status = OrderStatus.Revoked;
        parent.CompletedAt = run.StartedAt;
        parent.UpdatedAt = run.StartedAt;
        return Task.FromResult(OrderStepOutcome.Succeeded($"Order {parent.Id}: {WireName<OrderStatus>.Of(from)} → revoked."));
    }

    private static async Task<PoolAsset?> FindAsync(IpSolisDbContext db, long id, CancellationToken cancellationToken) =>
        db.ChangeTracker.Entries<PoolAsset>().FirstOrDefault(e => e.Entity.Id == id)?.Entity
        ?? await db.Set<PoolAsset>().AsTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    private static string Instant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string People(IReadOnlyList<string> people) => people.Count == 0 ? "none" : string.Join(", ", people);
}
