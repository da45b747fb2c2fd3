using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// Loads pool assets for a change inside the caller's transaction. On PostgreSQL the row is locked
/// (<c>FOR UPDATE</c>), so an operator's change and an order's reservation or release of the same asset queue
/// instead of overwriting each other; on SQLite the IMMEDIATE transaction already holds the only write lock.
/// </summary>
internal static class PoolAssetRows
{
    private const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static bool IsPostgres(IpSolisDbContext db) => db.Database.ProviderName == PostgresProvider;

    public static async Task<PoolAsset?> FindForUpdateAsync(IpSolisDbContext db, long id, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.Entries<PoolAsset>().FirstOrDefault(e => e.Entity.Id == id) is { } tracked)
            return tracked.Entity;
        if (IsPostgres(db) && db.Database.CurrentTransaction is not null)
        {
            var rows = await db.Set<PoolAsset>()
                .FromSqlInterpolated($"SELECT * FROM pool_assets WHERE id = {id} FOR UPDATE")
                .AsTracking()
                .ToListAsync(cancellationToken);
            return rows.FirstOrDefault();
        }

        return await db.Set<PoolAsset>().AsTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    /// <summary>Only assets of asset types in <paramref name="scope"/>.</summary>
    public static IQueryable<PoolAsset> InScope(IQueryable<PoolAsset> assets, AssetTypeScope scope)
    {
        if (scope.Granted is not { } granted)
            return assets;
        var ids = granted.ToList();
        return assets.Where(a => ids.Contains(a.AssetTypeId));
    }

    /// <summary>Which of <paramref name="names"/> already exist, asked a slice at a time so no statement grows huge.</summary>
    public static async Task<HashSet<string>> ExistingNamesAsync(IpSolisDbContext db, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slice in names.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var list = slice.ToList();
            existing.UnionWith(await db.Set<PoolAsset>().AsNoTracking().Where(a => list.Contains(a.Name)).Select(a => a.Name).ToListAsync(cancellationToken));
        }

        return existing;
    }
}
