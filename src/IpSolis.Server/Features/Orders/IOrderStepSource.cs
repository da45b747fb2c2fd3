namespace IpSolis.Server.Features.Orders;

/// <summary>
/// Contributes steps to order runs. The built-in steps (<see cref="BuiltInOrderSteps"/>) are the only source
/// registered today; the runbooks feature adds one that plans runbook and access-target steps at
/// <see cref="OrderRunStep.Act"/>. Register more with <c>services.AddSingleton&lt;IOrderStepSource, ...&gt;()</c>.
/// </summary>
public interface IOrderStepSource
{
    /// <summary>The steps this source runs for <paramref name="run"/>, in order; empty when it has nothing to do.</summary>
    IEnumerable<OrderRunStep> StepsFor(OrderRun run);
}
