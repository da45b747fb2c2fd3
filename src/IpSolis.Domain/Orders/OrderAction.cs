namespace IpSolis.Domain.Orders;

/// <summary>What an order does. Changes and ends are orders of their own that point at the order they act on.</summary>
public enum OrderAction
{
    /// <summary>Grants a new asset.</summary>
    Provision,

    /// <summary>Changes an active order: extends it, changes its RDP/admin lists or owner.</summary>
    Modify,

    /// <summary>Takes an active order's asset back (return, expiry, revocation).</summary>
    Delete,
}
