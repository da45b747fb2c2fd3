using IpSolis.Domain;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// Places an order: one transaction checks eligibility, dates, attributes, justification, quota and capacity (or
/// reserves a free asset), routes it (approval, scheduled or processing), enqueues the provision job and writes the
/// audit row. Every entry point uses it.
/// </summary>
public sealed class OrderPlacement
{
    public Task<Result<Order>> PlaceAsync(PlaceOrder request, OrderCaller caller, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Being built: issue 5, orders-core.");
}
