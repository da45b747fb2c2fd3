namespace IpSolis.Domain.Lifecycle;

/// <summary>What returning (or cancelling) an order does.</summary>
public enum ReturnOutcome
{
    /// <summary>The order never became active (or is a change not yet applied): it is cancelled at once and whatever
    /// it reserved is freed.</summary>
    Cancel,

    /// <summary>The order is active: it becomes revoking and a delete order takes the asset back.</summary>
    Deprovision,
}
