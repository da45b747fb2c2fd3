namespace IpSolis.Domain.Runbooks;

/// <summary>Where a runbook run is. Wire names: pending, running, succeeded, failed, cancelled.</summary>
public enum RunbookRunStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
