namespace IpSolis.Domain.Runbooks;

/// <summary>Where a runbook run stands when its next step is considered.</summary>
public enum StepRunState
{
    /// <summary>Every step so far succeeded or failed non-critically.</summary>
    Healthy,

    /// <summary>A critical step failed: only <see cref="StepPolicy.AlwaysRun"/> steps still run.</summary>
    Failed,

    /// <summary>A step asked to stop the run (<c>"stop_run": true</c>): only always-run steps still run; the run succeeds.</summary>
    Stopped,

    /// <summary>An operator cancelled the run: nothing more runs, not even always-run steps.</summary>
    Cancelled,
}
