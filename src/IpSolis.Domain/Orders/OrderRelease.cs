using IpSolis.Domain.Catalog;

namespace IpSolis.Domain.Orders;

/// <summary>
/// What an ending order does with its asset, from what was provisioned (the snapshot the provision run recorded,
/// so the end runs the same way even when the type changed meanwhile).
/// </summary>
public static class OrderRelease
{
    public static AssetRelease For(AssignmentModel model, DeprovisionPolicy policy)
    {
        if (model != AssignmentModel.AssignedPersonal)
            return AssetRelease.None;
        return policy switch
        {
            DeprovisionPolicy.ReturnToPoolReinstall => AssetRelease.Reinstall,
            // Access-only and custom-runbook policies still free the personal asset once access is gone: an asset
            // held by a finished order would otherwise be lost to the pool (the reference product's leak).
            DeprovisionPolicy.AccessOnly or DeprovisionPolicy.ReturnToPool or DeprovisionPolicy.CustomRunbook => AssetRelease.Free,
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
        };
    }
}
