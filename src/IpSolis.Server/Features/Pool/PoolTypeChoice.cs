using IpSolis.Domain.Catalog;

namespace IpSolis.Server.Features.Pool;

/// <summary>An asset type as the pool pages and checks need it: what to call it and whether it has pool assets.</summary>
public sealed record PoolTypeChoice(long Id, string Name, AssignmentModel AssignmentModel, bool IsActive)
{
    /// <summary>Capacity-pooled types count seats and have no instances, so no pool asset can belong to one.</summary>
    public bool HoldsAssets => AssignmentModel != AssignmentModel.CapacityPooled;
}
