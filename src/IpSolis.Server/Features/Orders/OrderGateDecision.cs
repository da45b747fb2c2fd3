namespace IpSolis.Server.Features.Orders;

/// <summary>Run the order's steps now, wait for outside work, or fail the order.</summary>
public enum OrderGateDecision
{
    Proceed,
    Wait,
    Fail,
}
