using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// Every asset type's small columns, kept in memory between requests for the pages that list all of them: the
/// portal catalog (eligibility is decided per type before paging) and the pick lists of the console (the order
/// list's type filter, grants). Materializing 500 types per request was most of those pages' cost
/// (docs/PERFORMANCE.md, issue 5). Each use asks the database for a stamp of the
/// <c>asset_types</c> table (row count, highest id, sum of the row versions) and re-reads the list when the stamp
/// moved, so a change made on any node, or by any code that writes the table the way <see cref="AssetTypes"/> does
/// (every update increments <see cref="AssetType.Version"/>), shows on the next request. Uploaded icons (up to
/// 400 KB each) are not kept: the page reads those for the types it shows.
/// </summary>
public sealed class AssetTypeSnapshot
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Loaded? _current;

    /// <summary>The active types in catalog order (by normalized name, ordinal, the same on both databases).</summary>
    public async Task<IReadOnlyList<AssetTypeSummary>> ActiveAsync(IpSolisDbContext db, CancellationToken cancellationToken) =>
        (await CurrentAsync(db, cancellationToken)).Active;

    /// <summary>Every type, active or not, in the same order, as a pick list shows it.</summary>
    public async Task<IReadOnlyList<AssetTypeChoice>> ChoicesAsync(IpSolisDbContext db, CancellationToken cancellationToken) =>
        (await CurrentAsync(db, cancellationToken)).Choices;

    private async Task<Loaded> CurrentAsync(IpSolisDbContext db, CancellationToken cancellationToken)
    {
        var stamp = await StampAsync(db, cancellationToken);
        if (_current is { } current && current.Stamp == stamp)
            return current;

        await _reload.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } reloaded && reloaded.Stamp == stamp)
                return reloaded;
            // Read after the stamp: the list is at least as new as the stamp it is filed under. A change in between
            // only costs one more reload, never a stale list under a new stamp.
            var all = await LoadAsync(db, cancellationToken);
            var loaded = new Loaded(stamp, [.. all.Where(t => t.IsActive)], [.. all.Select(t => new AssetTypeChoice(t.Id, t.Name, t.IsActive))]);
            _current = loaded;
            return loaded;
        }
        finally
        {
            _reload.Release();
        }
    }

    /// <summary>How many times the list was read from the database (for tests and diagnostics).</summary>
    public int Loads { get; private set; }

    private static async Task<Stamp> StampAsync(IpSolisDbContext db, CancellationToken cancellationToken)
    {
        var stamps = await db.Database
            .SqlQueryRaw<Stamp>("SELECT COUNT(*) AS \"Count\", COALESCE(MAX(id), 0) AS \"MaxId\", COALESCE(SUM(version), 0) AS \"Versions\" FROM asset_types")
            .ToListAsync(cancellationToken);
        return stamps[0];
    }

    private async Task<List<AssetTypeSummary>> LoadAsync(IpSolisDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Set<AssetType>().AsNoTracking()
            .Select(t => new
            {
                t.Id, t.IsActive, t.Name, t.NormalizedName, t.Description, t.Category, t.AssignmentModel, t.PoolCapacity,
                t.PersonalProvisioningStrategy, t.SharedAssetId, t.EligibleGroup, t.MonthlyCost, t.Currency, t.HelpText,
                // Built-in icon names are short; an uploaded image is read per page (see the summary).
                Icon = t.Icon != null && t.Icon.StartsWith(AssetTypeIcons.ImagePrefix) ? null : t.Icon,
                HasImage = t.Icon != null && t.Icon.StartsWith(AssetTypeIcons.ImagePrefix),
            })
            .ToListAsync(cancellationToken);
        Loads++;
        return rows
            .Select(t => new AssetTypeSummary(
                t.Id, t.IsActive, t.Name, t.NormalizedName, t.Description, t.Description.ToLowerInvariant(), t.Category, t.AssignmentModel,
                t.PoolCapacity, t.PersonalProvisioningStrategy, t.SharedAssetId, t.EligibleGroup, t.MonthlyCost, t.Currency,
                t.HelpText, t.Icon, t.HasImage))
            .OrderBy(t => t.NormalizedName, StringComparer.Ordinal)
            .ThenBy(t => t.Id)
            .ToList();
    }

    /// <summary>Changes whenever a row of <c>asset_types</c> is added, removed or updated with its version.</summary>
    private sealed record Stamp
    {
        public long Count { get; init; }

        public long MaxId { get; init; }

        public long Versions { get; init; }
    }

    private sealed record Loaded(Stamp Stamp, IReadOnlyList<AssetTypeSummary> Active, IReadOnlyList<AssetTypeChoice> Choices);
}

/// <summary>An asset type's columns the catalog and the pick lists need, without an uploaded icon.</summary>
/// <param name="DescriptionLower">The description lower-cased once, for the search filter.</param>
/// <param name="Icon">A built-in icon name, or null (none, or an uploaded image: see <paramref name="HasImage"/>).</param>
public sealed record AssetTypeSummary(
    long Id,
    bool IsActive,
    string Name,
    string NormalizedName,
    string Description,
    string DescriptionLower,
    AssetCategory Category,
    AssignmentModel Model,
    int? PoolCapacity,
    PersonalProvisioningStrategy? Strategy,
    long? SharedAssetId,
    string? EligibleGroup,
    decimal? MonthlyCost,
    string? Currency,
    string? HelpText,
    string? Icon,
    bool HasImage);
