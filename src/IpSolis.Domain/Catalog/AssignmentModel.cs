namespace IpSolis.Domain.Catalog;

/// <summary>How an order of an asset type is backed.</summary>
public enum AssignmentModel
{
    /// <summary>A quota (<c>poolCapacity</c>) of seats, no instances: group access, RDS, SaaS seats.</summary>
    CapacityPooled,

    /// <summary>One pool asset per order: an existing free one is reserved, or a new one is created.</summary>
    AssignedPersonal,

    /// <summary>Every order points at one shared asset (a jump host); orders never deplete it.</summary>
    DedicatedShared,
}
