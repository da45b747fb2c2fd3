using IpSolis.Domain;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// Creates a run of numbered assets in one transaction with one audit row. Names that already exist are reported
/// and skipped, not duplicated and not an error for the rest, so running the same bulk create twice is harmless.
/// </summary>
public sealed class PoolBulkCreation(IDbContextFactory<IpSolisDbContext> contexts, IAuditTrail audit, TimeProvider time)
{
    /// <summary>Names listed in one audit row at most; larger batches record the count and the first names.</summary>
    internal const int AuditedNames = 1000;

    public async Task<Result<PoolBulkResult>> CreateAsync(AssetTypeScope scope, AuditActor actor, PoolBulkRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = PoolAssetBatch.Names(request.Prefix, request.Start, request.Count, request.Padding);
        var notes = PoolAssetNotes.Check(request.Notes);
        var errors = names.Errors.Concat(notes.Errors).ToList();
        if (names.Succeeded)
            errors.AddRange(names.Value.Select(n => PoolAssetName.Check(n, "prefix")).Where(r => !r.Succeeded).SelectMany(r => r.Errors).Take(1));
        if (errors.Count > 0)
            return Result<PoolBulkResult>.Failure([.. errors]);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var type = await PoolTypes.UsableAsync(db, scope, request.AssetTypeId, cancellationToken);
        if (!type.Succeeded)
            return Result<PoolBulkResult>.Failure([.. type.Errors]);

        var existing = await PoolAssetRows.ExistingNamesAsync(db, names.Value, cancellationToken);
        var created = names.Value.Where(n => !existing.Contains(n)).ToList();
        var skipped = names.Value.Where(existing.Contains).ToList();
        if (created.Count == 0)
            return new PoolBulkResult([], skipped); // nothing changed, nothing to audit

        var now = time.GetUtcNow();
        foreach (var name in created)
        {
            db.Add(new PoolAsset
            {
                Name = name,
                AssetTypeId = type.Value.Id,
                Status = PoolAssetStatus.Free,
                Notes = notes.Value,
                StatusChangedAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        audit.Record(db, actor, new AuditEvent("pool_asset.bulk_created", "pool_asset", NewValues: new
        {
            assetTypeId = type.Value.Id,
            assetType = type.Value.Name,
            prefix = request.Prefix?.Trim(),
            request.Start,
            request.Count,
            request.Padding,
            createdCount = created.Count,
            created = created.Take(AuditedNames),
            skipped = skipped.Take(AuditedNames),
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return new DomainError("pool_asset.name_taken",
                "Some of these names were created by someone else meanwhile. Run the bulk create again: names that exist are skipped.", "prefix");
        }

        return new PoolBulkResult(created, skipped);
    }
}
