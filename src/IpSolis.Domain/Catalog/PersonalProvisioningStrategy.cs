namespace IpSolis.Domain.Catalog;

/// <summary>Where the asset of an <see cref="AssignmentModel.AssignedPersonal"/> order comes from.</summary>
public enum PersonalProvisioningStrategy
{
    /// <summary>Reserve a free pool asset when the order is placed; refuse the order when none is free.</summary>
    AssignExistingFree,

    /// <summary>Create a new pool asset for the order (named by the type's naming pattern).</summary>
    CreateNew,
}
