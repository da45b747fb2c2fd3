namespace IpSolis.Server.Features.Orders;

/// <summary>What an <see cref="IOrderRunGate"/> says about an order's run.</summary>
public sealed record OrderGateVerdict(OrderGateDecision Decision, string? Error = null)
{
    public static OrderGateVerdict Proceed { get; } = new(OrderGateDecision.Proceed);

    public static OrderGateVerdict Wait { get; } = new(OrderGateDecision.Wait);

    public static OrderGateVerdict Fail(string error) => new(OrderGateDecision.Fail, error);
}
