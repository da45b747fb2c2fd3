using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog.Portal;

/// <summary>The catalog page's GET form: a search text, a category and a 1-based page.</summary>
public sealed record CatalogQuery(string? Search, AssetCategory? Category, int Page)
{
    public const int MaxSearchLength = 100;

    /// <summary>The search text trimmed and lower-cased (the unique index's spelling of names), or null for none.</summary>
    public string? Term => string.IsNullOrWhiteSpace(Search)
        ? null
        : Search.Trim()[..Math.Min(Search.Trim().Length, MaxSearchLength)].ToLowerInvariant();
}
