namespace IpSolis.Server.Features.Orders;

/// <summary>
/// One step a run executes and records (one row in <c>order_steps</c>, updated in place).
/// <paramref name="Stage"/> places it among the steps of every source: <see cref="Prepare"/> (reserve the asset),
/// <see cref="Act"/> (grant access, run scripts: the runbooks feature), <see cref="Complete"/> (mark busy, set expiry,
/// record the state, release). Steps of one stage run in the order their sources are registered.
/// </summary>
public sealed record OrderRunStep(string Code, string Name, int Stage, Func<OrderRun, CancellationToken, Task<OrderStepOutcome>> RunAsync)
{
    public const int Prepare = 100;

    public const int Act = 200;

    public const int Complete = 300;
}
