namespace IpSolis.Server.Features.Maintenance.Jobs;

/// <summary>How an operator's action on a job or schedule went.</summary>
public enum JobActionResult
{
    Done,
    NotFound,
    /// <summary>The job is in a state the action does not apply to (retrying a running job, deleting a pending one).</summary>
    WrongState,
    /// <summary>A live job already has the same unique key (retry) or the schedule's manual run is still queued (run now).</summary>
    AlreadyQueued,
}
