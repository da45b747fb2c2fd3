using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog;

/// <summary>Which asset types a list shows: by active flag, category and a name search, one page at a time in id
/// order (<paramref name="After"/> is the last id of the previous page).</summary>
public sealed record AssetTypeFilter(bool? Active = null, AssetCategory? Category = null, string? Search = null, long? After = null, int Limit = AssetTypeFilter.DefaultLimit)
{
    public const int DefaultLimit = 50;

    public const int MaximumLimit = 200;
}
