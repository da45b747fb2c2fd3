using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// How orders take, use and give back pool assets. Every method works inside the caller's open transaction on the
/// caller's context and only changes tracked entities: the caller's <c>SaveChanges</c> writes them together with the
/// order change and its audit row. Every status change goes through <see cref="PoolAssetTransitions"/>.
/// Reservation is race-free on both providers: PostgreSQL takes the first free row that no other transaction holds
/// (<c>FOR UPDATE SKIP LOCKED</c>); SQLite's transactions begin IMMEDIATE behind the single write gate, so the
/// transaction that reads a free asset is the only writer until it commits.
/// </summary>
public sealed class PoolAssignments(TimeProvider time)
{
    /// <summary>Reserves the free asset of the type with the lowest id for <paramref name="orderId"/>; null when none is free.</summary>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    public async Task<PoolAsset?> ReserveFreeAsync(
        IpSolisDbContext db, long assetTypeId, long orderId, DateTimeOffset? expiresAt, string? ownerEmail, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        PoolAsset? asset;
        if (IsPostgres(db))
        {
            var free = WireName<PoolAssetStatus>.Of(PoolAssetStatus.Free);
            var rows = await db.Set<PoolAsset>()
                .FromSqlInterpolated($"SELECT * FROM pool_assets WHERE asset_type_id = {assetTypeId} AND status = {free} ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
                .AsTracking()
                .ToListAsync(cancellationToken);
            asset = rows.FirstOrDefault();
        }
        else
        {
            asset = await db.Set<PoolAsset>().AsTracking()
                .Where(a => a.AssetTypeId == assetTypeId && a.Status == PoolAssetStatus.Free)
                .OrderBy(a => a.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (asset is null)
            return null;
        Hold(asset, orderId, expiresAt, ownerEmail);
        return asset;
    }

    /// <summary>
    /// Creates a new asset for <paramref name="orderId"/> (the <c>create_new</c> strategy), named from the type's
    /// naming pattern and made unique with a <c>-2</c>, <c>-3</c>... suffix, and reserves it for the order.
    /// </summary>
    public async Task<PoolAsset> CreateForOrderAsync(
        IpSolisDbContext db, AssetType type, long orderId, string requesterEmail, string? requesterUsername,
        DateTimeOffset? expiresAt, string? ownerEmail, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        var baseName = AssetNamePattern.Render(type.NamingPattern, orderId, requesterEmail, requesterUsername, type.Name);
        var name = baseName;
        for (var attempt = 1; ; attempt++)
        {
            name = AssetNamePattern.Candidate(baseName, attempt);
            var candidate = name;
            var taken = await db.Set<PoolAsset>().AnyAsync(a => a.Name == candidate, cancellationToken)
                || db.ChangeTracker.Entries<PoolAsset>().Any(e => e.State == EntityState.Added && e.Entity.Name == candidate);
            if (!taken)
                break;
        }

        var now = time.GetUtcNow();
        var asset = new PoolAsset
        {
            Name = name,
            AssetTypeId = type.Id,
            Status = PoolAssetStatus.Free,
            StatusChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
            Notes = $"Created for order {orderId}.",
        };
        db.Add(asset);
        Hold(asset, orderId, expiresAt, ownerEmail);
        return asset;
    }

    /// <summary>Marks the asset held by <paramref name="orderId"/> busy (the order was provisioned) and sets its expiry.</summary>
    public async Task<Result<PoolAsset>> MarkBusyAsync(
        IpSolisDbContext db, long assetId, long orderId, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var asset = await FindAsync(db, assetId, cancellationToken);
        if (asset is null)
            return NotFound(assetId);
        if (asset.CurrentOrderId != orderId)
            return NotHeld(asset, orderId);
        var check = PoolAssetTransitions.Check(asset.Status, PoolAssetStatus.Busy, PoolAssetChange.MarkBusy);
        if (!check.Succeeded)
            return Result<PoolAsset>.Failure([.. check.Errors]);
        Move(asset, PoolAssetStatus.Busy);
        asset.ExpiresAt = expiresAt;
        return asset;
    }

    /// <summary>Moves the expiry of the asset held by <paramref name="orderId"/> (an extension or a shortening).</summary>
    public async Task<Result<PoolAsset>> SetExpiryAsync(
        IpSolisDbContext db, long assetId, long orderId, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var asset = await FindAsync(db, assetId, cancellationToken);
        if (asset is null)
            return NotFound(assetId);
        if (asset.CurrentOrderId != orderId)
            return NotHeld(asset, orderId);
        asset.ExpiresAt = expiresAt;
        asset.UpdatedAt = time.GetUtcNow();
        return asset;
    }

    /// <summary>
    /// Gives the asset back whatever order holds it: free, or to be rebuilt when <paramref name="forReinstall"/>.
    /// An asset that is not reserved or busy is left as it is (releasing twice is harmless).
    /// </summary>
    public async Task<Result<PoolAsset>> ReleaseAsync(IpSolisDbContext db, long assetId, bool forReinstall, CancellationToken cancellationToken)
    {
        var asset = await FindAsync(db, assetId, cancellationToken);
        if (asset is null)
            return NotFound(assetId);
        return Release(asset, forReinstall);
    }

    /// <summary>
    /// Gives the asset back only while <paramref name="orderId"/> still holds it, so a run that repeats after the asset
    /// went to someone else never takes it from them. Returns the asset either way.
    /// </summary>
    public async Task<Result<PoolAsset>> ReleaseFromOrderAsync(
        IpSolisDbContext db, long assetId, long orderId, bool forReinstall, CancellationToken cancellationToken)
    {
        var asset = await FindAsync(db, assetId, cancellationToken);
        if (asset is null)
            return NotFound(assetId);
        return asset.CurrentOrderId == orderId ? Release(asset, forReinstall) : asset;
    }

    private Result<PoolAsset> Release(PoolAsset asset, bool forReinstall)
    {
        if (!PoolAssetTransitions.IsHeld(asset.Status))
            return asset;
        var to = forReinstall ? PoolAssetStatus.Reinstall : PoolAssetStatus.Free;
        var check = PoolAssetTransitions.Check(asset.Status, to, forReinstall ? PoolAssetChange.ReleaseForReinstall : PoolAssetChange.Release);
        if (!check.Succeeded)
            return Result<PoolAsset>.Failure([.. check.Errors]);
        Move(asset, to);
        asset.CurrentOrderId = null;
        asset.ExpiresAt = null;
        asset.LastReleasedAt = asset.StatusChangedAt;
        var metadata = new Dictionary<string, string>(asset.Metadata);
        if (metadata.Remove("owner_email"))
            asset.Metadata = metadata;
        return asset;
    }

    private void Hold(PoolAsset asset, long orderId, DateTimeOffset? expiresAt, string? ownerEmail)
    {
        var check = PoolAssetTransitions.Check(asset.Status, PoolAssetStatus.Reserved, PoolAssetChange.Reserve);
        if (!check.Succeeded)
            throw new InvalidOperationException(check.Errors[0].Message);
        Move(asset, PoolAssetStatus.Reserved);
        asset.CurrentOrderId = orderId;
        asset.ExpiresAt = expiresAt;
        if (!string.IsNullOrWhiteSpace(ownerEmail))
        {
            var metadata = new Dictionary<string, string>(asset.Metadata) { ["owner_email"] = ownerEmail.Trim().ToLowerInvariant() };
            asset.Metadata = metadata;
        }
    }

    private void Move(PoolAsset asset, PoolAssetStatus to)
    {
        var now = time.GetUtcNow();
        asset.Status = to;
        asset.StatusChangedAt = now;
        asset.UpdatedAt = now;
    }

    private static async Task<PoolAsset?> FindAsync(IpSolisDbContext db, long assetId, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.Entries<PoolAsset>().FirstOrDefault(e => e.Entity.Id == assetId) is { } tracked)
            return tracked.Entity;
        if (IsPostgres(db) && db.Database.CurrentTransaction is not null)
        {
            // Lock the row so a concurrent force release or operator change waits for this transaction.
            var rows = await db.Set<PoolAsset>()
                .FromSqlInterpolated($"SELECT * FROM pool_assets WHERE id = {assetId} FOR UPDATE")
                .AsTracking()
                .ToListAsync(cancellationToken);
            return rows.FirstOrDefault();
        }

        return await db.Set<PoolAsset>().AsTracking().FirstOrDefaultAsync(a => a.Id == assetId, cancellationToken);
    }

    private static DomainError NotFound(long assetId) =>
        new("pool_asset.not_found", $"Pool asset {assetId} does not exist.", "assetId");

    private static DomainError NotHeld(PoolAsset asset, long orderId) =>
        new("pool_asset.conflict", $"Pool asset {asset.Name} is not held by order {orderId}.", "assetId");

    private static bool IsPostgres(IpSolisDbContext db) => db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private static void RequireTransaction(IpSolisDbContext db)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Reserve pool assets inside the caller's transaction: call db.Database.BeginTransactionAsync() first.");
    }
}
