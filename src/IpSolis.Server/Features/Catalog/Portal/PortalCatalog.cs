using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Catalog.Portal;

/// <summary>
/// What the portal catalog shows one person: the active asset types they may order (members of a type's eligible
/// group only), filtered by search text and category, a page at a time, each with its availability. The types come
/// from the <see cref="AssetTypeSnapshot"/> (one stamp query while nothing changed); the directory is asked once per
/// distinct group; uploaded icons and the availability counts are read for the shown page only. When the directory
/// cannot answer, the types behind a group are shown as not orderable with a note (fail closed), never as orderable.
/// </summary>
public static class PortalCatalog
{
    public const int PageSize = 24;

    public static async Task<CatalogView> LoadAsync(
        IpSolisDbContext db,
        AssetTypeSnapshot snapshot,
        IPersonDirectory directory,
        PoolStatistics pool,
        OrderCounts orders,
        string email,
        CatalogQuery query,
        CancellationToken cancellationToken)
    {
        IEnumerable<AssetTypeSummary> rows = await snapshot.ActiveAsync(db, cancellationToken);
        if (query.Category is { } category)
            rows = rows.Where(t => t.Category == category);
        if (query.Term is { } term)
            rows = rows.Where(t => t.NormalizedName.Contains(term, StringComparison.Ordinal) || t.DescriptionLower.Contains(term, StringComparison.Ordinal));
        var matching = rows.ToList();

        var membership = await MembershipAsync(directory, email, matching, cancellationToken);
        var visible = matching.Where(r => r.EligibleGroup is not { Length: > 0 } group || membership[group] is not false).ToList();

        var pageCount = Math.Max(1, (visible.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var shown = visible.Skip((page - 1) * PageSize).Take(PageSize).ToList();

        // Uploaded icons are the large column: read for the shown page only, and only when it has any.
        var imageIds = shown.Where(r => r.HasImage).Select(r => r.Id).ToList();
        var images = imageIds.Count == 0
            ? new Dictionary<long, string?>()
            : await db.Set<AssetType>().AsNoTracking().Where(t => imageIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Icon })
                .ToDictionaryAsync(t => t.Id, t => t.Icon, cancellationToken);

        var personal = shown.Where(r => r.Model == AssignmentModel.AssignedPersonal && r.Strategy != PersonalProvisioningStrategy.CreateNew)
            .Select(r => r.Id).ToHashSet();
        var pooled = shown.Where(r => r.Model == AssignmentModel.CapacityPooled && r.PoolCapacity is not null).Select(r => r.Id).ToList();
        var free = personal.Count == 0
            ? new Dictionary<long, PoolAssetCounts>()
            : await pool.CountsByTypeAsync(new AssetTypeScope(personal), cancellationToken);
        var holding = pooled.Count == 0
            ? new Dictionary<long, int>()
            : await orders.HoldingByTypeAsync(pooled, cancellationToken);

        var entries = shown.Select(r => new CatalogEntry(
                r.Id, r.Name, r.Description, r.Category, r.HasImage ? images.GetValueOrDefault(r.Id) : r.Icon, r.MonthlyCost, r.Currency,
                HelpTextRenderer.ToHtml(r.HelpText),
                r.EligibleGroup is { Length: > 0 } group && membership[group] is null
                    ? CatalogAvailability.EligibilityUnknown
                    : Availability(r, free, holding)))
            .ToList();
        return new CatalogView(entries, page, pageCount, visible.Count);
    }

    /// <summary>Whether one more order would find an asset or a seat: the same sets placing an order checks.</summary>
    private static CatalogAvailability Availability(AssetTypeSummary row, IReadOnlyDictionary<long, PoolAssetCounts> free, IReadOnlyDictionary<long, int> holding)
    {
        var available = row.Model switch
        {
            AssignmentModel.AssignedPersonal => row.Strategy == PersonalProvisioningStrategy.CreateNew
                || free.GetValueOrDefault(row.Id, PoolAssetCounts.None).Free > 0,
            AssignmentModel.CapacityPooled => row.PoolCapacity is not { } capacity || holding.GetValueOrDefault(row.Id) < capacity,
            AssignmentModel.DedicatedShared => row.SharedAssetId is not null,
            _ => false,
        };
        return available ? CatalogAvailability.Available : CatalogAvailability.Unavailable;
    }

    /// <summary>Membership per distinct group: true, false, or null when the directory could not answer. The
    /// questions go out together: each may be a round trip to an LDAP server.</summary>
    private static async Task<Dictionary<string, bool?>> MembershipAsync(IPersonDirectory directory, string email, IEnumerable<AssetTypeSummary> rows, CancellationToken cancellationToken)
    {
        var groups = rows.Select(r => r.EligibleGroup).OfType<string>().Where(g => g.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var answers = await Task.WhenAll(groups.Select(async group =>
        {
            try
            {
                return (Group: group, Member: (bool?)await directory.IsMemberAsync(email, group, cancellationToken));
            }
            catch (DirectoryUnavailableException)
            {
                return (Group: group, Member: (bool?)null);
            }
        }));
        return answers.ToDictionary(a => a.Group, a => a.Member, StringComparer.Ordinal);
    }
}
