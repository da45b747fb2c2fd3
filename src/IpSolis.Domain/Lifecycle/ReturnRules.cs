using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Lifecycle;

/// <summary>
/// Which orders may be returned or cancelled, and what follows. A provision order awaiting approval, scheduled or
/// failed is cancelled at once (its reserved asset is freed); an active one is deprovisioned by a delete order. A
/// change not yet applied (awaiting approval or failed) is withdrawn. Anything running, ending or ended is refused.
/// </summary>
public static class ReturnRules
{
    public static Result<ReturnOutcome> Decide(OrderAction action, OrderStatus status)
    {
        var outcome = (action, status) switch
        {
            (OrderAction.Provision, OrderStatus.PendingApproval or OrderStatus.Scheduled or OrderStatus.Failed) => ReturnOutcome.Cancel,
            (OrderAction.Provision, OrderStatus.Provisioned) => ReturnOutcome.Deprovision,
            (OrderAction.Modify, OrderStatus.PendingApproval or OrderStatus.Failed) => ReturnOutcome.Cancel,
            _ => (ReturnOutcome?)null,
        };
        return outcome is { } decided ? decided : Refusal(action, status);
    }

    /// <summary>The status the returned order itself moves to.</summary>
    public static OrderStatus StatusAfter(ReturnOutcome outcome) => outcome switch
    {
        ReturnOutcome.Cancel => OrderStatus.Cancelled,
        ReturnOutcome.Deprovision => OrderStatus.Revoking,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private static DomainError Refusal(OrderAction action, OrderStatus status)
    {
        var state = WireName<OrderStatus>.Of(status);
        var reason = (action, status) switch
        {
            (OrderAction.Delete, _) => "a deprovision order runs to its end; it cannot be returned",
            (_, OrderStatus.Processing) => "it is being carried out right now; return it once it is active",
            (_, OrderStatus.Revoking) => "it is already being returned",
            _ when OrderStatuses.IsTerminal(status) => $"it has ended ({state})",
            _ => $"a {state} {WireName<OrderAction>.Of(action)} order cannot be returned",
        };
        return new DomainError("order.transition_not_allowed", $"This order cannot be returned or cancelled: {reason}.", "status");
    }
}
