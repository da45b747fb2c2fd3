using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>
/// One dashboard tile: how an asset type's pool (or, for a pooled type, its seats) is used. Personal and shared
/// types count pool assets by status; a pooled type has no assets, so its seats are its capacity and the provision
/// orders holding one (the same count the capacity check uses).
/// </summary>
public sealed record AssetTypeUsage(long Id, string Name, AssignmentModel Model, bool IsActive)
{
    /// <summary>Share of the pool not free from which the tile warns (amber).</summary>
    public const double WarningShare = 0.80;

    /// <summary>Share of the pool not free from which the tile alarms (red).</summary>
    public const double CriticalShare = 0.95;

    public int Free { get; init; }

    /// <summary>Reserved and busy assets; for a pooled type, the holding orders.</summary>
    public int InUse { get; init; }

    public int Failed { get; init; }

    /// <summary>Waiting for or being reinstalled.</summary>
    public int Reinstall { get; init; }

    public int Maintenance { get; init; }

    /// <summary>Assets in the pool, or a pooled type's capacity; null for a pooled type without a limit.</summary>
    public int? Total { get; init; }

    /// <summary>Provision orders holding (or about to hold) an asset of the type.</summary>
    public int Holding { get; init; }

    /// <summary>Whether the pool can run out: orders never deplete a shared asset, and an unlimited pooled type has nothing to run out of.</summary>
    public bool CanRunOut => Model switch
    {
        AssignmentModel.CapacityPooled => Total is > 0,
        AssignmentModel.AssignedPersonal => Total is > 0,
        _ => false,
    };

    /// <summary>
    /// The share that is not free: for a personal type every asset that cannot be handed out now (in use, failed,
    /// in maintenance or reinstall) counts, because each of them is one fewer to give; for a pooled type the seats
    /// taken. Null when the type cannot run out.
    /// </summary>
    public double? UsedShare => CanRunOut ? Math.Clamp((Total!.Value - Free) / (double)Total.Value, 0, 1) : null;

    public UsageLevel Level => UsedShare switch
    {
        >= CriticalShare => UsageLevel.Critical,
        >= WarningShare => UsageLevel.Warning,
        _ => UsageLevel.Normal,
    };

    /// <summary>Builds the tile of a pooled type from its capacity and its holding orders.</summary>
    public static AssetTypeUsage Pooled(long id, string name, bool isActive, int? capacity, int holding) =>
        new(id, name, AssignmentModel.CapacityPooled, isActive)
        {
            Total = capacity,
            InUse = holding,
            Holding = holding,
            Free = capacity is { } seats ? Math.Max(0, seats - holding) : 0,
        };
}
