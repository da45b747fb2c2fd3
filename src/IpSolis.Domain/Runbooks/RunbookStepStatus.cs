namespace IpSolis.Domain.Runbooks;

/// <summary>Where one step of a runbook run is. Wire names: pending, running, succeeded, failed, skipped, cancelled.</summary>
public enum RunbookStepStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
    Cancelled,
}
