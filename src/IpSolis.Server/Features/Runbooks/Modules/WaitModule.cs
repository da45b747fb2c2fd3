using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary><c>core.wait</c>: pauses the run (a machine boots, a replication settles). Cancelling the run ends the pause.</summary>
public sealed class WaitModule(TimeProvider time) : IRunbookModule
{
    public string Key => "core.wait";

    public string Category => "Wait";

    public string Name => "Wait";

    public string Description => "Waits Seconds seconds (the step's timeout must be longer).";

    public IReadOnlyList<ParameterDefinition> Parameters { get; } = [new("Seconds", ParameterType.Int, Required: true)];

    public IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters) => [];

    public async Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var seconds = step.Int("Seconds", 0);
        if (seconds is < 0 or > 86400)
            return StepResult.Failure("Seconds is between 0 and 86400.");
        await Task.Delay(TimeSpan.FromSeconds(seconds), time, cancellationToken);
        return StepResult.Success();
    }
}
