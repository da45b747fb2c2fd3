namespace IpSolis.Domain.AccessTargets;

/// <summary>What one access-ledger row records.</summary>
public enum AccessAction
{
    /// <summary>The order gave the person the group.</summary>
    Grant,

    /// <summary>The order no longer gives the person the group.</summary>
    Revoke,
}
