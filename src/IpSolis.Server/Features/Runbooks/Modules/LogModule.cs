using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary><c>core.log</c>: writes a line to the step log and does nothing else (a marker, or a no-op placeholder).</summary>
public sealed class LogModule : IRunbookModule
{
    public string Key => "core.log";

    public string Category => "Core";

    public string Name => "Write to the log";

    public string Description => "Writes Message to the run's log. Changes nothing.";

    public IReadOnlyList<ParameterDefinition> Parameters { get; } = [new("Message", ParameterType.String)];

    public IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters) => [];

    public Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Get("Message") is { } message)
            step.Log(message);
        return Task.FromResult(StepResult.Success());
    }
}
