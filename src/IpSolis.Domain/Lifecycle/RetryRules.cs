using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Lifecycle;

/// <summary>An operator's retry: only a failed order runs again, from its first step.</summary>
public static class RetryRules
{
    public static DomainError? Check(OrderAction action, OrderStatus status) =>
        status == OrderStatus.Failed && OrderTransitions.IsAllowed(action, status, OrderStatus.Processing)
            ? null
            : new DomainError(
                "order.transition_not_allowed",
                $"Only a failed order can be retried; this one is {WireName<OrderStatus>.Of(status)}.",
                "status");
}
