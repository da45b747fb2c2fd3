using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>An asset type as the admin order pages offer it in a select.</summary>
public sealed record AssetTypeChoice(long Id, string Name, bool IsActive)
{
    /// <summary>The types in <paramref name="scope"/>, by name; only active ones when <paramref name="activeOnly"/>.</summary>
    public static async Task<IReadOnlyList<AssetTypeChoice>> ListAsync(IpSolisDbContext db, AssetTypeScope scope, bool activeOnly, CancellationToken cancellationToken)
    {
        var types = db.Set<AssetType>().AsNoTracking();
        if (activeOnly)
            types = types.Where(t => t.IsActive);
        if (scope.Granted is { } granted)
        {
            var ids = granted.ToList();
            types = types.Where(t => ids.Contains(t.Id));
        }

        return await types.OrderBy(t => t.Name).Select(t => new AssetTypeChoice(t.Id, t.Name, t.IsActive)).ToListAsync(cancellationToken);
    }
}
