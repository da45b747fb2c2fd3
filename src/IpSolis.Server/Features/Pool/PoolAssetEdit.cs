using IpSolis.Domain.Pool;

namespace IpSolis.Server.Features.Pool;

/// <summary>
/// A change to one pool asset; a null part stays as it is. <see cref="Metadata"/> replaces the whole set;
/// <see cref="Status"/> is a status set by hand (<see cref="PoolAssetChange.Operator"/>).
/// </summary>
public sealed record PoolAssetEdit(
    string? Notes = null,
    IReadOnlyDictionary<string, string?>? Metadata = null,
    PoolAssetStatus? Status = null,
    long? AssetTypeId = null);
