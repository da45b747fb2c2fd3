using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>A runbook step as a run froze it when it was created (<see cref="RunbookRun.PlanJson"/>).</summary>
public sealed record PlannedStep(
    int Position, string Name, string Module, long? ScriptModuleId, Dictionary<string, string> Parameters,
    bool Critical, int Retries, int BackoffSeconds, int TimeoutSeconds, bool AlwaysRun)
{
    public StepPolicy Policy => new(Critical, Retries, TimeSpan.FromSeconds(BackoffSeconds), TimeSpan.FromSeconds(TimeoutSeconds), AlwaysRun);

    public static PlannedStep From(RunbookStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new PlannedStep(step.Position, step.Name, step.Module, step.ScriptModuleId, RunbookJson.Parameters(step.ParametersJson),
            step.Critical, step.Retries, step.BackoffSeconds, step.TimeoutSeconds, step.AlwaysRun);
    }
}
