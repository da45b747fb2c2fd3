namespace IpSolis.Domain.Orders;

/// <summary>Groups of statuses the rules talk about.</summary>
public static class OrderStatuses
{
    /// <summary>Statuses an order never leaves.</summary>
    public static readonly IReadOnlyList<OrderStatus> Terminal =
        [OrderStatus.Revoked, OrderStatus.Expired, OrderStatus.Cancelled, OrderStatus.Rejected, OrderStatus.Delivered];

    /// <summary>
    /// Provision orders in these statuses hold (or will hold) an asset, so they count against the per-user quota
    /// and the pooled capacity. Every non-final status counts, including awaiting approval and failed (retryable),
    /// so the portal, the API and the capacity check agree.
    /// </summary>
    public static readonly IReadOnlyList<OrderStatus> Holding =
    [
        OrderStatus.PendingApproval, OrderStatus.Scheduled, OrderStatus.Processing, OrderStatus.Provisioned,
        OrderStatus.Revoking, OrderStatus.Failed,
    ];

    /// <summary>A provision order in these statuses is live for its holder: shown in My IT, can be extended, changed or returned.</summary>
    public static readonly IReadOnlyList<OrderStatus> Active = [OrderStatus.Provisioned];

    public static bool IsTerminal(OrderStatus status) => Terminal.Contains(status);

    public static bool IsHolding(OrderStatus status) => Holding.Contains(status);
}
