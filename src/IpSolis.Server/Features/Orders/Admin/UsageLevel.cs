namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>How close an asset type is to running out: the dashboard colours its tile by it.</summary>
public enum UsageLevel
{
    /// <summary>Below <see cref="AssetTypeUsage.WarningShare"/> used, or a type that cannot run out.</summary>
    Normal,

    /// <summary>At least <see cref="AssetTypeUsage.WarningShare"/> used.</summary>
    Warning,

    /// <summary>At least <see cref="AssetTypeUsage.CriticalShare"/> used.</summary>
    Critical,
}
