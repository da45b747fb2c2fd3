namespace IpSolis.Domain.AccessTargets;

/// <summary>Whom a group-access target puts in its group: people the order names.</summary>
public enum PrincipalSource
{
    /// <summary>The person who placed the order (it is for them).</summary>
    Requester,

    /// <summary>The order's RDP users.</summary>
    RdpUsers,

    /// <summary>The order's admin users.</summary>
    AdminUsers,

    /// <summary>The requester, the RDP users and the admin users.</summary>
    All,
}
