namespace IpSolis.Server.Features.Catalog;

/// <summary>One page of asset types; <paramref name="NextAfter"/> is the cursor of the next page, null on the last.</summary>
public sealed record AssetTypeList(IReadOnlyList<AssetType> Items, long? NextAfter);
