using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// Reads the pool list: filtered, limited to the caller's asset types, in id order, paged by id (keyset: a page
/// deep in a pool of ten thousand costs what the first does, and assets added meanwhile neither repeat nor vanish).
/// A page can also be reached by its number, for the page links between the previous and next ones.
/// </summary>
public sealed class PoolAssetList(IDbContextFactory<IpSolisDbContext> contexts)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <param name="after">Continue after this asset id (keyset); when null, <paramref name="skip"/> rows are skipped instead.</param>
    /// <param name="withContext">Also count all matches and find the previous page (for the pages; the API needs neither).</param>
    public async Task<PoolAssetPage> PageAsync(
        AssetTypeScope scope, PoolAssetListFilter filter, long? after, int skip, int size, bool withContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(filter);
        size = Math.Clamp(size, 1, MaxPageSize);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, scope, filter);

        var pageQuery = query.OrderBy(a => a.Id).AsQueryable();
        if (after is { } cursor)
            pageQuery = pageQuery.Where(a => a.Id > cursor);
        else if (skip > 0)
            pageQuery = pageQuery.Skip(skip);
        var rows = await pageQuery.Take(size + 1).ToListAsync(cancellationToken);
        var hasNext = rows.Count > size;
        rows = [.. rows.Take(size)];

        var hasPrevious = false;
        long? previousCursor = null;
        int? total = null;
        if (withContext)
        {
            total = await query.CountAsync(cancellationToken);
            if (rows.Count > 0)
            {
                var first = rows[0].Id;
                var before = await query.Where(a => a.Id < first).OrderByDescending(a => a.Id).Select(a => a.Id).Take(size + 1).ToListAsync(cancellationToken);
                hasPrevious = before.Count > 0;
                previousCursor = before.Count > size ? before[size] : null;
            }
        }

        var typeIds = rows.Select(r => r.AssetTypeId).Distinct().ToList();
        var typeNames = typeIds.Count == 0
            ? []
            : await db.Set<AssetType>().AsNoTracking().Where(t => typeIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var items = rows.Select(r => PoolAssetView.Of(r, typeNames.GetValueOrDefault(r.AssetTypeId, $"#{r.AssetTypeId}"))).ToList();
        return new PoolAssetPage(items, hasNext && rows.Count > 0 ? rows[^1].Id : null, hasPrevious, previousCursor, total);
    }

    /// <summary>The asset types in <paramref name="scope"/>, by name, for filters and forms.</summary>
    public async Task<IReadOnlyList<PoolTypeChoice>> TypesAsync(AssetTypeScope scope, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PoolTypes.InScopeAsync(db, scope, cancellationToken);
    }

    /// <summary>Whether <paramref name="id"/> is an asset type the caller may see.</summary>
    public async Task<bool> TypeExistsAsync(AssetTypeScope scope, long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PoolTypes.FindAsync(db, scope, id, cancellationToken) is not null;
    }

    private static IQueryable<PoolAsset> Filtered(IpSolisDbContext db, AssetTypeScope scope, PoolAssetListFilter filter)
    {
        var query = PoolAssetRows.InScope(db.Set<PoolAsset>().AsNoTracking(), scope);
        if (filter.AssetTypeId is { } type)
            query = query.Where(a => a.AssetTypeId == type);
        if (filter.Status is { } status)
            query = query.Where(a => a.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.NameContains))
        {
            var text = filter.NameContains.Trim().ToLowerInvariant();
            query = query.Where(a => a.Name.ToLower().Contains(text));
        }

        return query;
    }
}
