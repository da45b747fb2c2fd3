namespace IpSolis.Server.Features.Catalog;

/// <summary>One page of <c>GET /api/v1/asset-types</c>; pass <paramref name="NextCursor"/> as <c>cursor</c> for the next.</summary>
public sealed record AssetTypePage(IReadOnlyList<AssetTypeView> Items, string? NextCursor);
