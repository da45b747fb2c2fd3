using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// Pool counts for other features to show (dashboard tiles, catalog availability, the pool page's header): one
/// GROUP BY over the (asset type, status) index, limited to the caller's asset types.
/// </summary>
public sealed class PoolStatistics(IDbContextFactory<IpSolisDbContext> contexts)
{
    /// <summary>Counts per status by asset type id; types without any asset are absent.</summary>
    public async Task<IReadOnlyDictionary<long, PoolAssetCounts>> CountsByTypeAsync(AssetTypeScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.Granted is { Count: 0 })
            return new Dictionary<long, PoolAssetCounts>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await PoolAssetRows.InScope(db.Set<PoolAsset>().AsNoTracking(), scope)
            .GroupBy(a => new { a.AssetTypeId, a.Status })
            .Select(g => new { g.Key.AssetTypeId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var counts = new Dictionary<long, PoolAssetCounts>();
        foreach (var group in groups)
            counts[group.AssetTypeId] = counts.GetValueOrDefault(group.AssetTypeId, PoolAssetCounts.None).With(group.Status, group.Count);
        return counts;
    }

    /// <summary>All of <paramref name="scope"/>'s assets added up, or one type's.</summary>
    public async Task<PoolAssetCounts> TotalsAsync(AssetTypeScope scope, long? assetTypeId, CancellationToken cancellationToken)
    {
        var byType = await CountsByTypeAsync(scope, cancellationToken);
        if (assetTypeId is { } only)
            return byType.GetValueOrDefault(only, PoolAssetCounts.None);
        return byType.Values.Aggregate(PoolAssetCounts.None, (sum, next) => sum.Plus(next));
    }
}
