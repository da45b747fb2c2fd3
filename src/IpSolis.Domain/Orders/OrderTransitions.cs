namespace IpSolis.Domain.Orders;

/// <summary>
/// The order state machine, the one table every entry point (portal, API, admin, jobs) moves orders through.
/// Changes (modify) and ends (delete) are orders of their own, so each action has its own, smaller table.
/// </summary>
public static class OrderTransitions
{
    private static readonly OrderStatus[] ProvisionStarts = [OrderStatus.PendingApproval, OrderStatus.Scheduled, OrderStatus.Processing];
    private static readonly OrderStatus[] ModifyStarts = [OrderStatus.PendingApproval, OrderStatus.Processing];
    private static readonly OrderStatus[] DeleteStarts = [OrderStatus.Processing];

    private static readonly (OrderStatus From, OrderStatus To)[] ProvisionMoves =
    [
        // Approval decided: started now or on its date; declined; withdrawn by the requester or an operator.
        (OrderStatus.PendingApproval, OrderStatus.Scheduled), (OrderStatus.PendingApproval, OrderStatus.Processing),
        (OrderStatus.PendingApproval, OrderStatus.Rejected), (OrderStatus.PendingApproval, OrderStatus.Cancelled),
        // A scheduled order starts on its date, or is cancelled before (its reserved asset is freed).
        (OrderStatus.Scheduled, OrderStatus.Processing), (OrderStatus.Scheduled, OrderStatus.Cancelled),
        (OrderStatus.Processing, OrderStatus.Provisioned), (OrderStatus.Processing, OrderStatus.Failed),
        // A failed order is retried by an operator, or given up (its asset is freed).
        (OrderStatus.Failed, OrderStatus.Processing), (OrderStatus.Failed, OrderStatus.Cancelled),
        // An active order ends: it expires, or is returned/revoked (a deprovision order runs, then it is revoked).
        (OrderStatus.Provisioned, OrderStatus.Expired), (OrderStatus.Provisioned, OrderStatus.Revoking),
        (OrderStatus.Revoking, OrderStatus.Revoked),
        // An operator force-releases the asset: access ends at once, without a deprovision run.
        (OrderStatus.Provisioned, OrderStatus.Revoked),
    ];

    private static readonly (OrderStatus From, OrderStatus To)[] ModifyMoves =
    [
        (OrderStatus.PendingApproval, OrderStatus.Processing), (OrderStatus.PendingApproval, OrderStatus.Rejected),
        (OrderStatus.PendingApproval, OrderStatus.Cancelled),
        (OrderStatus.Processing, OrderStatus.Delivered), (OrderStatus.Processing, OrderStatus.Failed),
        (OrderStatus.Failed, OrderStatus.Processing), (OrderStatus.Failed, OrderStatus.Cancelled),
    ];

    private static readonly (OrderStatus From, OrderStatus To)[] DeleteMoves =
    [
        (OrderStatus.Processing, OrderStatus.Revoked), (OrderStatus.Processing, OrderStatus.Failed),
        (OrderStatus.Failed, OrderStatus.Processing),
    ];

    /// <summary>Statuses a new order of <paramref name="action"/> may start in.</summary>
    public static IReadOnlyList<OrderStatus> Starts(OrderAction action) => action switch
    {
        OrderAction.Provision => ProvisionStarts,
        OrderAction.Modify => ModifyStarts,
        OrderAction.Delete => DeleteStarts,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static bool CanStartIn(OrderAction action, OrderStatus status) => Starts(action).Contains(status);

    public static bool IsAllowed(OrderAction action, OrderStatus from, OrderStatus to) => Moves(action).Contains((from, to));

    /// <summary>The statuses an order of <paramref name="action"/> in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<OrderStatus> Targets(OrderAction action, OrderStatus from) =>
        [.. Moves(action).Where(m => m.From == from).Select(m => m.To)];

    /// <summary>Checks a move, with an error that says what the order can do instead.</summary>
    public static Result<OrderStatus> Check(OrderAction action, OrderStatus from, OrderStatus to)
    {
        if (IsAllowed(action, from, to))
            return Result<OrderStatus>.Success(to);
        var targets = Targets(action, from);
        var instead = targets.Count == 0 ? "it is final" : "it can become " + string.Join(", ", targets.Select(WireName<OrderStatus>.Of));
        return new DomainError(
            "order.transition_not_allowed",
            $"A {WireName<OrderStatus>.Of(from)} {WireName<OrderAction>.Of(action)} order cannot become {WireName<OrderStatus>.Of(to)}: {instead}.",
            "status");
    }

    /// <summary>The status a successful run of an order of <paramref name="action"/> ends in.</summary>
    public static OrderStatus Completed(OrderAction action) => action switch
    {
        OrderAction.Provision => OrderStatus.Provisioned,
        OrderAction.Modify => OrderStatus.Delivered,
        OrderAction.Delete => OrderStatus.Revoked,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static (OrderStatus From, OrderStatus To)[] Moves(OrderAction action) => action switch
    {
        OrderAction.Provision => ProvisionMoves,
        OrderAction.Modify => ModifyMoves,
        OrderAction.Delete => DeleteMoves,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
