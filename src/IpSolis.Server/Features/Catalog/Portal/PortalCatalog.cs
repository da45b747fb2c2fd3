using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Catalog.Portal;

/// <summary>
/// What the portal catalog shows one person: the active asset types they may order (members of a type's eligible
/// group only), filtered by search text and category, a page at a time, each with its availability. One query reads
/// the matching types' small columns; the directory is asked once per distinct group; icons, help texts and the
/// availability counts are read for the shown page only. When the directory cannot answer, the types behind a group are shown as not orderable with a
/// note (fail closed), never as orderable.
/// </summary>
public static class PortalCatalog
{
    public const int PageSize = 24;

    public static async Task<CatalogView> LoadAsync(
        IpSolisDbContext db,
        IPersonDirectory directory,
        PoolStatistics pool,
        OrderCounts orders,
        string email,
        CatalogQuery query,
        CancellationToken cancellationToken)
    {
        var types = db.Set<AssetType>().AsNoTracking().Where(t => t.IsActive);
        if (query.Category is { } category)
            types = types.Where(t => t.Category == category);
        if (query.Term is { } term)
            types = types.Where(t => t.NormalizedName.Contains(term) || t.Description.ToLower().Contains(term));
        var rows = await types
            .OrderBy(t => t.NormalizedName)
            .Select(t => new Row(t.Id, t.Name, t.Description, t.Category, t.AssignmentModel, t.PoolCapacity,
                t.PersonalProvisioningStrategy, t.SharedAssetId, t.EligibleGroup, t.MonthlyCost, t.Currency))
            .ToListAsync(cancellationToken);

        var membership = await MembershipAsync(directory, email, rows, cancellationToken);
        var visible = rows.Where(r => r.EligibleGroup is not { Length: > 0 } group || membership[group] is not false).ToList();

        var pageCount = Math.Max(1, (visible.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var shown = visible.Skip((page - 1) * PageSize).Take(PageSize).ToList();

        // Icons (possibly uploaded images) and help texts are the large columns: read for the shown page only.
        var shownIds = shown.Select(r => r.Id).ToList();
        var extras = shownIds.Count == 0
            ? new Dictionary<long, (string? Icon, string HelpText)>()
            : await db.Set<AssetType>().AsNoTracking().Where(t => shownIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Icon, t.HelpText })
                .ToDictionaryAsync(t => t.Id, t => (t.Icon, t.HelpText), cancellationToken);

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
                r.Id, r.Name, r.Description, r.Category, extras.GetValueOrDefault(r.Id).Icon, r.MonthlyCost, r.Currency,
                HelpTextRenderer.ToHtml(extras.GetValueOrDefault(r.Id).HelpText),
                r.EligibleGroup is { Length: > 0 } group && membership[group] is null
                    ? CatalogAvailability.EligibilityUnknown
                    : Availability(r, free, holding)))
            .ToList();
        return new CatalogView(entries, page, pageCount, visible.Count);
    }

    /// <summary>Whether one more order would find an asset or a seat: the same sets placing an order checks.</summary>
    private static CatalogAvailability Availability(Row row, IReadOnlyDictionary<long, PoolAssetCounts> free, IReadOnlyDictionary<long, int> holding)
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
    private static async Task<Dictionary<string, bool?>> MembershipAsync(IPersonDirectory directory, string email, IEnumerable<Row> rows, CancellationToken cancellationToken)
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

    private sealed record Row(
        long Id,
        string Name,
        string Description,
        AssetCategory Category,
        AssignmentModel Model,
        int? PoolCapacity,
        PersonalProvisioningStrategy? Strategy,
        long? SharedAssetId,
        string? EligibleGroup,
        decimal? MonthlyCost,
        string? Currency);
}
