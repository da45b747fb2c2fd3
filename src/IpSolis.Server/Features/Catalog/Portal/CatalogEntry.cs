using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Catalog.Portal;

/// <summary>One card of the portal catalog: an active asset type the signed-in person may order.</summary>
/// <param name="HelpHtml">The help text rendered by <see cref="HelpTextRenderer"/>: safe to put into the page as it is.</param>
public sealed record CatalogEntry(
    long Id,
    string Name,
    string Description,
    AssetCategory Category,
    string? Icon,
    decimal? MonthlyCost,
    string? Currency,
    string HelpHtml,
    CatalogAvailability Availability);
