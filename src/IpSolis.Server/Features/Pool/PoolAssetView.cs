using IpSolis.Domain.Pool;

namespace IpSolis.Server.Features.Pool;

/// <summary>A pool asset as the API and the pages show it, with its type's name and the order holding it.</summary>
public sealed record PoolAssetView(
    long Id,
    string Name,
    long AssetTypeId,
    string AssetTypeName,
    PoolAssetStatus Status,
    long? HoldingOrderId,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastReleasedAt,
    DateTimeOffset StatusChangedAt,
    string Notes,
    IReadOnlyDictionary<string, string> Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static PoolAssetView Of(PoolAsset asset, string assetTypeName) => new(
        asset.Id, asset.Name, asset.AssetTypeId, assetTypeName, asset.Status, asset.CurrentOrderId, asset.ExpiresAt,
        asset.LastReleasedAt, asset.StatusChangedAt, asset.Notes, asset.Metadata, asset.CreatedAt, asset.UpdatedAt);
}
