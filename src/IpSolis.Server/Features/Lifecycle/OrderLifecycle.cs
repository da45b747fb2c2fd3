using IpSolis.Domain;
using IpSolis.Server.Features.Orders;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// What happens to an order after it is placed, on request: change (extend, RDP/admin lists, owner), return or
/// cancel, and an operator's retry. Each returns the order it created (a modify or delete order) or changed.
/// </summary>
public sealed class OrderLifecycle
{
    public Task<Result<Order>> ChangeAsync(long orderId, OrderChange change, OrderCaller caller, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Being built: issue 5, lifecycle.");

    public Task<Result<Order>> ReturnAsync(long orderId, OrderCaller caller, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Being built: issue 5, lifecycle.");

    public Task<Result<Order>> RetryAsync(long orderId, OrderCaller caller, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Being built: issue 5, lifecycle.");
}
