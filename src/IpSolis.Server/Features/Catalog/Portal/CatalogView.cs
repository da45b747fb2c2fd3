namespace IpSolis.Server.Features.Catalog.Portal;

/// <summary>One page of the catalog as the signed-in person sees it.</summary>
/// <param name="Total">Entries matching the filter that the person may see (across all pages).</param>
public sealed record CatalogView(IReadOnlyList<CatalogEntry> Entries, int Page, int PageCount, int Total);
