using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// An operator's changes to single pool assets: create, edit notes and metadata, set a status by hand, move to
/// another type, delete, force release. Each runs in one transaction with its audit row, checks the asset's type
/// against the caller's <see cref="AssetTypeScope"/> (outside it, an asset does not exist), and moves statuses only
/// through <see cref="PoolAssetTransitions"/>.
/// </summary>
public sealed class PoolAssets(IDbContextFactory<IpSolisDbContext> contexts, OrderHolds holds, IAuditTrail audit, TimeProvider time)
{
    private const string EntityType = "pool_asset";

    public static DomainError NotFound(long id) =>
        new("pool_asset.not_found", string.Create(CultureInfo.InvariantCulture, $"Pool asset {id} does not exist."));

    public async Task<PoolAssetView?> FindAsync(AssetTypeScope scope, long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var asset = await PoolAssetRows.InScope(db.Set<PoolAsset>().AsNoTracking(), scope).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return asset is null ? null : await ViewAsync(db, asset, cancellationToken);
    }

    public async Task<Result<PoolAssetView>> CreateAsync(AssetTypeScope scope, AuditActor actor, NewPoolAsset input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<DomainError>();
        var name = Collect(PoolAssetName.Check(input.Name), errors);
        var notes = Collect(PoolAssetNotes.Check(input.Notes), errors);
        var metadata = Collect(PoolAssetMetadata.Check(input.Metadata), errors);
        var status = input.Status ?? PoolAssetStatus.Free;
        if (status is not (PoolAssetStatus.Free or PoolAssetStatus.Maintenance))
            errors.Add(new DomainError("pool_asset.status", "A new asset starts free or in maintenance.", "status"));
        if (errors.Count > 0)
            return Result<PoolAssetView>.Failure([.. errors]);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var type = await PoolTypes.UsableAsync(db, scope, input.AssetTypeId, cancellationToken);
        if (!type.Succeeded)
            return Result<PoolAssetView>.Failure([.. type.Errors]);
        if (await db.Set<PoolAsset>().AnyAsync(a => a.Name == name, cancellationToken))
            return NameTaken(name!);

        var now = time.GetUtcNow();
        var asset = new PoolAsset
        {
            Name = name!,
            AssetTypeId = type.Value.Id,
            Status = status,
            Notes = notes!,
            Metadata = metadata!,
            StatusChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(asset);
        try
        {
            await db.SaveChangesAsync(cancellationToken); // the id, for the audit row
            audit.Record(db, actor, new AuditEvent("pool_asset.created", EntityType, Id(asset.Id), NewValues: Describe(asset, type.Value.Name)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return NameTaken(name!);
        }

        return PoolAssetView.Of(asset, type.Value.Name);
    }

    /// <summary>Applies every part of <paramref name="edit"/> or none: notes, metadata, a status by hand, another type.</summary>
    public async Task<Result<PoolAssetView>> UpdateAsync(AssetTypeScope scope, AuditActor actor, long id, PoolAssetEdit edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var errors = new List<DomainError>();
        var notes = edit.Notes is null ? null : Collect(PoolAssetNotes.Check(edit.Notes), errors);
        var metadata = edit.Metadata is null ? null : Collect(PoolAssetMetadata.Check(edit.Metadata), errors);
        if (errors.Count > 0)
            return Result<PoolAssetView>.Failure([.. errors]);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var asset = await PoolAssetRows.FindForUpdateAsync(db, id, cancellationToken);
        if (asset is null || !scope.Allows(asset.AssetTypeId))
            return NotFound(id);
        var currentType = await PoolTypes.FindAsync(db, AssetTypeScope.Everything, asset.AssetTypeId, cancellationToken);
        var typeName = currentType?.Name ?? $"#{asset.AssetTypeId}";

        PoolTypeChoice? newType = null;
        if (edit.AssetTypeId is { } typeId && typeId != asset.AssetTypeId)
        {
            var target = await PoolTypes.UsableAsync(db, scope, typeId, cancellationToken);
            if (!target.Succeeded)
                return Result<PoolAssetView>.Failure([.. target.Errors]);
            if (PoolAssetRules.CheckTypeChange(asset.Name, asset.Status) is { } locked)
                return locked;
            newType = target.Value;
        }

        PoolAssetStatus? newStatus = null;
        if (edit.Status is { } status && status != asset.Status)
        {
            var check = PoolAssetRules.CheckManualStatus(asset.Name, asset.Status, status, asset.CurrentOrderId);
            if (!check.Succeeded)
                return Result<PoolAssetView>.Failure([.. check.Errors]);
            newStatus = status;
        }

        var now = time.GetUtcNow();
        var before = new Dictionary<string, object?>();
        var after = new Dictionary<string, object?>();
        if (notes is not null && notes != asset.Notes)
        {
            before["notes"] = asset.Notes;
            after["notes"] = notes;
            asset.Notes = notes;
        }

        if (metadata is not null && !SameMetadata(metadata, asset.Metadata))
        {
            before["metadata"] = asset.Metadata;
            after["metadata"] = metadata;
            asset.Metadata = metadata;
        }

        if (newType is not null)
        {
            before["assetTypeId"] = asset.AssetTypeId;
            before["assetType"] = typeName;
            after["assetTypeId"] = newType.Id;
            after["assetType"] = newType.Name;
            asset.AssetTypeId = newType.Id;
            typeName = newType.Name;
        }

        if (before.Count > 0)
        {
            before["name"] = after["name"] = asset.Name;
            audit.Record(db, actor, new AuditEvent("pool_asset.updated", EntityType, Id(asset.Id), before, after));
        }

        if (newStatus is { } to)
        {
            audit.Record(db, actor, new AuditEvent("pool_asset.status_changed", EntityType, Id(asset.Id),
                new { asset.Name, status = WireName<PoolAssetStatus>.Of(asset.Status) },
                new { asset.Name, status = WireName<PoolAssetStatus>.Of(to), change = WireName<PoolAssetChange>.Of(PoolAssetChange.Operator) }));
            asset.Status = to;
            asset.StatusChangedAt = now;
        }

        if (before.Count == 0 && newStatus is null)
            return PoolAssetView.Of(asset, typeName);
        asset.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return PoolAssetView.Of(asset, typeName);
    }

    /// <summary>
    /// Frees the asset whatever holds it, for a stated reason, and ends the holding order in the same transaction
    /// (its access ends at once, without a deprovision run).
    /// </summary>
    public async Task<Result<PoolAssetView>> ForceReleaseAsync(AssetTypeScope scope, AuditActor actor, long id, string? reason, CancellationToken cancellationToken)
    {
        var why = PoolAssetRules.CheckReason(reason);
        if (!why.Succeeded)
            return Result<PoolAssetView>.Failure([.. why.Errors]);

        // Orders lock their own row before their asset's; this does the same (holding order first, then the asset)
        // so the two never wait on each other in a circle. If the holder changed between the first look and the
        // lock, the attempt is thrown away and repeated with the new holder.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var seen = await PoolAssetRows.InScope(db.Set<PoolAsset>().AsNoTracking(), scope)
                .Where(a => a.Id == id).Select(a => new { a.CurrentOrderId }).FirstOrDefaultAsync(cancellationToken);
            if (seen is null)
                return NotFound(id);

            object? endedOrder = null;
            if (seen.CurrentOrderId is { } orderId)
            {
                var ended = await holds.EndForForcedReleaseAsync(db, orderId, actor, cancellationToken);
                if (ended.Succeeded)
                    endedOrder = new { id = orderId, status = WireName<Domain.Orders.OrderStatus>.Of(ended.Value.Status) };
                else if (ended.Errors[0].Code != "order.not_found")
                    return Result<PoolAssetView>.Failure([.. ended.Errors]);
            }

            var asset = await PoolAssetRows.FindForUpdateAsync(db, id, cancellationToken);
            if (asset is null)
                return NotFound(id);
            if (asset.CurrentOrderId != seen.CurrentOrderId)
            {
                if (attempt >= 3)
                    return new DomainError("pool_asset.conflict", $"{asset.Name} keeps changing hands; try the force release again.");
                continue;
            }

            var check = PoolAssetTransitions.Check(asset.Status, PoolAssetStatus.Free, PoolAssetChange.ForceRelease);
            if (!check.Succeeded)
                return Result<PoolAssetView>.Failure([.. check.Errors]);

            var now = time.GetUtcNow();
            var before = new { asset.Name, status = WireName<PoolAssetStatus>.Of(asset.Status), holdingOrderId = asset.CurrentOrderId, asset.ExpiresAt };
            asset.Status = PoolAssetStatus.Free;
            asset.CurrentOrderId = null;
            asset.ExpiresAt = null;
            asset.StatusChangedAt = now;
            asset.UpdatedAt = now;
            asset.LastReleasedAt = now;
            var metadata = new Dictionary<string, string>(asset.Metadata);
            if (metadata.Remove("owner_email"))
                asset.Metadata = metadata;
            audit.Record(db, actor, new AuditEvent("pool_asset.force_released", EntityType, Id(asset.Id), before,
                new { asset.Name, status = WireName<PoolAssetStatus>.Of(PoolAssetStatus.Free), reason = why.Value, endedOrder }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var type = await PoolTypes.FindAsync(db, AssetTypeScope.Everything, asset.AssetTypeId, cancellationToken);
            return PoolAssetView.Of(asset, type?.Name ?? $"#{asset.AssetTypeId}");
        }
    }

    /// <summary>
    /// Deletes a free or maintenance asset that no order ever pointed at and no type uses as its shared asset;
    /// anything with history is kept (set it to maintenance instead).
    /// </summary>
    public async Task<Result<PoolAssetView>> DeleteAsync(AssetTypeScope scope, AuditActor actor, long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var asset = await PoolAssetRows.FindForUpdateAsync(db, id, cancellationToken);
        if (asset is null || !scope.Allows(asset.AssetTypeId))
            return NotFound(id);

        var sharedBy = await db.Set<AssetType>().AsNoTracking().Where(t => t.SharedAssetId == id).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);
        if (sharedBy is not null)
            return new DomainError("pool_asset.in_use",
                $"{asset.Name} is the shared asset of {sharedBy}: give that type another shared asset first, or set this one to maintenance.");
        var referenced = asset.CurrentOrderId is not null
            || await db.Set<Order>().AsNoTracking().AnyAsync(o => o.AssignedAssetId == id, cancellationToken);
        if (PoolAssetRules.CheckDelete(asset.Name, asset.Status, referenced) is { } refused)
            return refused;

        var type = await PoolTypes.FindAsync(db, AssetTypeScope.Everything, asset.AssetTypeId, cancellationToken);
        var view = PoolAssetView.Of(asset, type?.Name ?? $"#{asset.AssetTypeId}");
        db.Remove(asset);
        audit.Record(db, actor, new AuditEvent("pool_asset.deleted", EntityType, Id(asset.Id), Describe(asset, view.AssetTypeName)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return view;
    }

    internal static object Describe(PoolAsset asset, string typeName) => new
    {
        asset.Name,
        asset.AssetTypeId,
        assetType = typeName,
        status = WireName<PoolAssetStatus>.Of(asset.Status),
        asset.Notes,
        metadata = asset.Metadata,
    };

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static async Task<PoolAssetView> ViewAsync(IpSolisDbContext db, PoolAsset asset, CancellationToken cancellationToken)
    {
        var type = await PoolTypes.FindAsync(db, AssetTypeScope.Everything, asset.AssetTypeId, cancellationToken);
        return PoolAssetView.Of(asset, type?.Name ?? $"#{asset.AssetTypeId}");
    }

    private static DomainError NameTaken(string name) =>
        new("pool_asset.name_taken", $"An asset named {name} already exists.", "name");

    private static bool SameMetadata(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var value) && value == p.Value);

    private static T? Collect<T>(Result<T> result, List<DomainError> errors)
    {
        if (result.Succeeded)
            return result.Value;
        errors.AddRange(result.Errors);
        return default;
    }
}
