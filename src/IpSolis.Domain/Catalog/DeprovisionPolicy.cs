namespace IpSolis.Domain.Catalog;

/// <summary>What happens to the pool asset when an order ends.</summary>
public enum DeprovisionPolicy
{
    /// <summary>Revoke access only; the asset (if any) is released to free.</summary>
    AccessOnly,

    /// <summary>Release the personal asset to free.</summary>
    ReturnToPool,

    /// <summary>Release the personal asset to reinstall, for a recycler to rebuild.</summary>
    ReturnToPoolReinstall,

    /// <summary>The type's deprovision runbook does the instance work.</summary>
    CustomRunbook,
}
