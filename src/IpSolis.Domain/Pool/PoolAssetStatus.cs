namespace IpSolis.Domain.Pool;

/// <summary>Where a pool asset is in its life. Only <see cref="PoolAssetTransitions"/> moves it.</summary>
public enum PoolAssetStatus
{
    Free,
    Reserved,
    Busy,
    Maintenance,
    Reinstall,
    Reinstalling,
    Failed,
}
