namespace IpSolis.Domain.Orders;

/// <summary>What ending an order does with the pool asset it holds.</summary>
public enum AssetRelease
{
    /// <summary>Nothing to give back: the type has no asset per order (capacity pooled, dedicated shared).</summary>
    None,

    /// <summary>Back to the pool, free for the next order.</summary>
    Free,

    /// <summary>Back to the pool to be rebuilt before the next order.</summary>
    Reinstall,
}
