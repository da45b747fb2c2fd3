namespace IpSolis.Domain.Orders;

/// <summary>Where an order is. Wire names keep the reference product's (<c>pending_approval</c>, ...).</summary>
public enum OrderStatus
{
    PendingApproval,
    Scheduled,
    Processing,
    Provisioned,
    Delivered,
    Revoking,
    Revoked,
    Failed,
    Expired,
    Cancelled,
    Rejected,
}
