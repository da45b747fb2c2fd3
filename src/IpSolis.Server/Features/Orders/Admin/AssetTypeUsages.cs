using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>Builds the dashboard tiles: the asset types marked "Show on dashboard" in the caller's scope, with their pool counts and holding orders.</summary>
public static class AssetTypeUsages
{
    public static async Task<IReadOnlyList<AssetTypeUsage>> LoadAsync(
        IpSolisDbContext db, AssetTypeScope scope, PoolStatistics pool, OrderCounts orders, CancellationToken cancellationToken)
    {
        var query = db.Set<AssetType>().AsNoTracking().Where(t => t.ShowOnDashboard);
        if (scope.Granted is { } granted)
        {
            var ids = granted.ToList();
            query = query.Where(t => ids.Contains(t.Id));
        }

        var types = await query.OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.AssignmentModel, t.IsActive, t.PoolCapacity })
            .ToListAsync(cancellationToken);
        if (types.Count == 0)
            return [];

        var counts = await pool.CountsByTypeAsync(scope, cancellationToken);
        var holding = await orders.HoldingByTypeAsync([.. types.Select(t => t.Id)], cancellationToken);
        return [.. types.Select(t =>
        {
            var held = holding.GetValueOrDefault(t.Id);
            if (t.AssignmentModel == AssignmentModel.CapacityPooled)
                return AssetTypeUsage.Pooled(t.Id, t.Name, t.IsActive, t.PoolCapacity, held);
            var assets = counts.GetValueOrDefault(t.Id, PoolAssetCounts.None);
            return new AssetTypeUsage(t.Id, t.Name, t.AssignmentModel, t.IsActive)
            {
                Free = assets.Free,
                InUse = assets.Reserved + assets.Busy,
                Failed = assets.Failed,
                Reinstall = assets.Reinstall + assets.Reinstalling,
                Maintenance = assets.Maintenance,
                Total = assets.Total,
                Holding = held,
            };
        })];
    }
}
