namespace IpSolis.Domain.Pool;

/// <summary>Why a pool asset's status changes; each cause has its own allowed moves.</summary>
public enum PoolAssetChange
{
    /// <summary>An order placed or scheduled for a personal asset takes a free one.</summary>
    Reserve,

    /// <summary>The order holding the asset was provisioned.</summary>
    MarkBusy,

    /// <summary>The order holding the asset ended (returned, expired, cancelled, revoked) and the asset goes back.</summary>
    Release,

    /// <summary>The order ended and the type's policy sends the asset to be rebuilt.</summary>
    ReleaseForReinstall,

    /// <summary>An operator sets a status by hand (maintenance, reinstall, back to free).</summary>
    Operator,

    /// <summary>A recycler rebuilds the asset.</summary>
    Recycler,

    /// <summary>An operator forces the asset free whatever holds it (audited; the holding order is cancelled).</summary>
    ForceRelease,
}
