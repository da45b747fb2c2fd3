namespace IpSolis.Server.Features.Orders;

/// <summary>
/// Work an order waits for before its in-transaction steps run: the runbooks feature runs an order's runbook step by
/// step outside any transaction (its steps call outside systems) and lets the order continue once it succeeded.
/// No gate is registered by default, so an order without one runs exactly as before.
/// </summary>
public interface IOrderRunGate
{
    /// <summary>
    /// Called before the order's run transaction, while the order is processing. <see cref="OrderGateVerdict.Proceed"/>
    /// runs the steps now; <see cref="OrderGateVerdict.Wait"/> leaves the order processing (the gate re-enqueues the
    /// run when its work is done); <see cref="OrderGateVerdict.Fail"/> fails the order with its error.
    /// </summary>
    Task<OrderGateVerdict> BeforeRunAsync(long orderId, CancellationToken cancellationToken);
}
