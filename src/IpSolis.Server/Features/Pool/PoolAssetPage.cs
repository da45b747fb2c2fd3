namespace IpSolis.Server.Features.Pool;

/// <summary>
/// One page of the pool list in id order. <see cref="NextCursor"/> continues after the last row (null at the end);
/// <see cref="PreviousCursor"/> is where the page before starts (null when that is the first page, see
/// <see cref="HasPrevious"/>); <see cref="Total"/> counts every matching asset, when it was asked for.
/// </summary>
public sealed record PoolAssetPage(IReadOnlyList<PoolAssetView> Items, long? NextCursor, bool HasPrevious, long? PreviousCursor, int? Total);
