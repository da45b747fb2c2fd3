namespace IpSolis.Domain.Runbooks;

/// <summary>The rules that move a runbook run from step to step and give it its final status.</summary>
public static class RunbookFlow
{
    /// <summary>Whether a step with <paramref name="policy"/> runs while the run is <paramref name="state"/>.</summary>
    public static bool ShouldRun(StepRunState state, StepPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return state switch
        {
            StepRunState.Healthy => true,
            StepRunState.Failed or StepRunState.Stopped => policy.AlwaysRun,
            _ => false,
        };
    }

    /// <summary>
    /// The run's state after a step ended: a failure of a critical step fails the run (an always-run clean-up step
    /// failing after a stop fails it too), a stop request stops it, anything else leaves it as it was.
    /// </summary>
    public static StepRunState After(StepRunState state, StepPolicy policy, bool stepSucceeded, bool stopRequested)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (state == StepRunState.Cancelled)
            return state;
        if (!stepSucceeded)
            return policy.Critical ? StepRunState.Failed : state;
        if (stopRequested && state == StepRunState.Healthy)
            return StepRunState.Stopped;
        return state;
    }

    /// <summary>The run's final status once no step is left.</summary>
    public static RunbookRunStatus Final(StepRunState state) => state switch
    {
        StepRunState.Failed => RunbookRunStatus.Failed,
        StepRunState.Cancelled => RunbookRunStatus.Cancelled,
        _ => RunbookRunStatus.Succeeded,
    };
}
