using IpSolis.Domain.Orders;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// Read-only counts other features show: how many provision orders hold (or will hold) an asset of each type — the
/// same set the capacity and quota checks count (<see cref="OrderStatuses.Holding"/>), so a badge never says
/// "available" when placing would refuse.
/// </summary>
public sealed class OrderCounts(IDbContextFactory<IpSolisDbContext> contexts)
{
    /// <summary>Holding provision orders by asset type id; types without any are absent. Null <paramref name="typeIds"/> means every type.</summary>
    public async Task<IReadOnlyDictionary<long, int>> HoldingByTypeAsync(IReadOnlyCollection<long>? typeIds, CancellationToken cancellationToken)
    {
        if (typeIds is { Count: 0 })
            return new Dictionary<long, int>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holding = OrderStatuses.Holding.ToList();
        var query = db.Set<Order>().AsNoTracking()
            .Where(o => o.Action == OrderAction.Provision && holding.Contains(o.Status));
        if (typeIds is not null)
        {
            var ids = typeIds.Distinct().ToList();
            query = query.Where(o => ids.Contains(o.AssetTypeId));
        }

        return await query.GroupBy(o => o.AssetTypeId)
            .Select(g => new { TypeId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.TypeId, g => g.Count, cancellationToken);
    }
}
