using IpSolis.Domain.Pool;

namespace IpSolis.Server.Features.Pool;

/// <summary>One asset to add to a pool. <see cref="Status"/> may only be free (the default) or maintenance.</summary>
public sealed record NewPoolAsset(
    string? Name,
    long AssetTypeId,
    string? Notes = null,
    IReadOnlyDictionary<string, string?>? Metadata = null,
    PoolAssetStatus? Status = null);
