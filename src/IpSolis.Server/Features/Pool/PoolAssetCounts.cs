using IpSolis.Domain.Pool;

namespace IpSolis.Server.Features.Pool;

/// <summary>How many assets of a type (or of several, added up) are in each status.</summary>
public sealed record PoolAssetCounts(int Free, int Reserved, int Busy, int Maintenance, int Reinstall, int Reinstalling, int Failed)
{
    public static readonly PoolAssetCounts None = new(0, 0, 0, 0, 0, 0, 0);

    public int Total => Free + Reserved + Busy + Maintenance + Reinstall + Reinstalling + Failed;

    public int Of(PoolAssetStatus status) => status switch
    {
        PoolAssetStatus.Free => Free,
        PoolAssetStatus.Reserved => Reserved,
        PoolAssetStatus.Busy => Busy,
        PoolAssetStatus.Maintenance => Maintenance,
        PoolAssetStatus.Reinstall => Reinstall,
        PoolAssetStatus.Reinstalling => Reinstalling,
        PoolAssetStatus.Failed => Failed,
        _ => 0,
    };

    public PoolAssetCounts With(PoolAssetStatus status, int count) => status switch
    {
        PoolAssetStatus.Free => this with { Free = count },
        PoolAssetStatus.Reserved => this with { Reserved = count },
        PoolAssetStatus.Busy => this with { Busy = count },
        PoolAssetStatus.Maintenance => this with { Maintenance = count },
        PoolAssetStatus.Reinstall => this with { Reinstall = count },
        PoolAssetStatus.Reinstalling => this with { Reinstalling = count },
        PoolAssetStatus.Failed => this with { Failed = count },
        _ => this,
    };

    public PoolAssetCounts Plus(PoolAssetCounts other) => new(
        Free + other.Free, Reserved + other.Reserved, Busy + other.Busy, Maintenance + other.Maintenance,
        Reinstall + other.Reinstall, Reinstalling + other.Reinstalling, Failed + other.Failed);
}
