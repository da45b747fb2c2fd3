using IpSolis.Domain.Pool;

namespace IpSolis.Server.Features.Pool;

/// <summary>What the pool list shows: one type, one status, names containing a text (case-insensitive); null means any.</summary>
public sealed record PoolAssetListFilter(long? AssetTypeId = null, PoolAssetStatus? Status = null, string? NameContains = null);
