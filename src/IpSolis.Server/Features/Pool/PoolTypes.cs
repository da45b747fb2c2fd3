using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// The asset types a pool change may point at: those in the caller's scope. A type outside the scope is reported
/// exactly like one that does not exist.
/// </summary>
internal static class PoolTypes
{
    public static async Task<IReadOnlyList<PoolTypeChoice>> InScopeAsync(IpSolisDbContext db, AssetTypeScope scope, CancellationToken cancellationToken)
    {
        var query = db.Set<AssetType>().AsNoTracking();
        if (scope.Granted is { } granted)
        {
            var ids = granted.ToList();
            query = query.Where(t => ids.Contains(t.Id));
        }

        var types = await query.Select(t => new PoolTypeChoice(t.Id, t.Name, t.AssignmentModel, t.IsActive)).ToListAsync(cancellationToken);
        return [.. types.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public static async Task<PoolTypeChoice?> FindAsync(IpSolisDbContext db, AssetTypeScope scope, long id, CancellationToken cancellationToken)
    {
        if (!scope.Allows(id))
            return null;
        return await db.Set<AssetType>().AsNoTracking().Where(t => t.Id == id)
            .Select(t => new PoolTypeChoice(t.Id, t.Name, t.AssignmentModel, t.IsActive))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The type an asset may be created in or moved to, or why not.</summary>
    public static async Task<Result<PoolTypeChoice>> UsableAsync(IpSolisDbContext db, AssetTypeScope scope, long id, CancellationToken cancellationToken)
    {
        var type = await FindAsync(db, scope, id, cancellationToken);
        if (type is null)
            return NotFound(id);
        return Usable(type, "assetTypeId");
    }

    public static Result<PoolTypeChoice> Usable(PoolTypeChoice type, string field) =>
        type.HoldsAssets
            ? type
            : new DomainError("pool_asset.asset_type",
                $"{type.Name} is {WireName<AssignmentModel>.Of(AssignmentModel.CapacityPooled)}: its orders take seats, not pool assets.", field);

    public static DomainError NotFound(long id) =>
        new("asset_type.not_found", string.Create(CultureInfo.InvariantCulture, $"Asset type {id} does not exist."), "assetTypeId");
}
