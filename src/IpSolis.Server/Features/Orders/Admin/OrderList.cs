using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>
/// Reads the admin orders list: filtered, limited to the caller's asset types, newest first, paged by order id
/// (keyset: the hundredth page costs what the first does, and rows placed meanwhile neither repeat nor vanish
/// between pages).
/// </summary>
public static class OrderList
{
    public const int PageSize = 50;

    /// <param name="before">Orders with a smaller id (the older page); <paramref name="after"/>: a larger one (the newer page).</param>
    /// <param name="typeNames">The names of the asset types in the caller's scope (the page has them for its filter
    /// already, from <see cref="AssetTypes.ChoicesAsync"/>).</param>
    public static async Task<OrderListPage> PageAsync(
        IpSolisDbContext db, OrderListFilter filter, AssetTypeScope scope, IReadOnlyDictionary<long, string> typeNames,
        long? before, long? after, DateTimeOffset now, int size, CancellationToken cancellationToken)
    {
        size = Math.Clamp(size, 1, 500);
        var query = Filtered(db, filter, scope, now);
        List<OrderListRow> rows;
        if (after is { } newer && before is null)
        {
            rows = await Project(query.Where(o => o.Id > newer).OrderBy(o => o.Id).Take(size + 1)).ToListAsync(cancellationToken);
            var hasNewer = rows.Count > size;
            rows = [.. rows.Take(size).Reverse()];
            rows = await NameAsync(db, rows, typeNames, cancellationToken);
            return new(rows, rows.Count > 0 ? rows[^1].Id : null, hasNewer && rows.Count > 0 ? rows[0].Id : null);
        }

        if (before is { } older)
            query = query.Where(o => o.Id < older);
        rows = await Project(query.OrderByDescending(o => o.Id).Take(size + 1)).ToListAsync(cancellationToken);
        var hasOlder = rows.Count > size;
        rows = [.. rows.Take(size)];
        rows = await NameAsync(db, rows, typeNames, cancellationToken);
        return new(rows, hasOlder ? rows[^1].Id : null, before is not null && rows.Count > 0 ? rows[0].Id : null);
    }

    /// <summary>Orders the caller may see that match <paramref name="filter"/>.</summary>
    public static IQueryable<Order> Filtered(IpSolisDbContext db, OrderListFilter filter, AssetTypeScope scope, DateTimeOffset now)
    {
        var query = InScope(db.Set<Order>().AsNoTracking(), scope);
        if (filter.Status is { } status)
            query = query.Where(o => o.Status == status);
        if (filter.Action is { } action)
            query = query.Where(o => o.Action == action);
        if (filter.AssetTypeId is { } type)
            query = query.Where(o => o.AssetTypeId == type);
        if (!string.IsNullOrEmpty(filter.Requester))
        {
            // Addresses are stored lower case. Only the address is searched: a substring cannot use an index, and one
            // column scanned costs half of two (about 12 ms at 100,000 orders on SQLite when nothing matches).
            var text = filter.Requester.ToLowerInvariant();
            query = query.Where(o => o.RequesterEmail.Contains(text));
        }

        if (filter.CreatedFrom is { } from)
            query = query.Where(o => o.CreatedAt >= from);
        if (filter.CreatedTo is { } to)
            query = query.Where(o => o.CreatedAt < to);
        if (filter.Stuck)
        {
            var since = now - OrdersNeedingAttention.StuckAfter;
            query = query.Where(o => o.Status == OrderStatus.Processing && o.UpdatedAt < since);
        }

        return query;
    }

    /// <summary>Only orders of asset types in <paramref name="scope"/>.</summary>
    public static IQueryable<Order> InScope(IQueryable<Order> orders, AssetTypeScope scope)
    {
        if (scope.Granted is not { } granted)
            return orders;
        var ids = granted.ToList();
        return orders.Where(o => ids.Contains(o.AssetTypeId));
    }

    private static IQueryable<OrderListRow> Project(IQueryable<Order> orders) => orders.Select(o => new OrderListRow(
        o.Id, o.AssetTypeId, "", o.RequesterEmail, o.RequesterName, o.Status, o.Action,
        o.RequestedFrom, o.RequestedUntil, o.AssignedAssetId, null, o.CreatedAt));

    /// <summary>Adds type names (known) and asset names (one lookup by primary key: cheaper than joining before the limit).</summary>
    private static async Task<List<OrderListRow>> NameAsync(
        IpSolisDbContext db, List<OrderListRow> rows, IReadOnlyDictionary<long, string> typeNames, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return rows;
        var assetIds = rows.Where(r => r.AssignedAssetId is not null).Select(r => r.AssignedAssetId!.Value).Distinct().ToList();
        var assets = assetIds.Count == 0
            ? []
            : await db.Set<PoolAsset>().AsNoTracking().Where(a => assetIds.Contains(a.Id))
                .Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return [.. rows.Select(r => r with
        {
            AssetTypeName = typeNames.GetValueOrDefault(r.AssetTypeId, $"#{r.AssetTypeId}"),
            AssignedAssetName = r.AssignedAssetId is { } asset ? assets.GetValueOrDefault(asset) : null,
        })];
    }
}
