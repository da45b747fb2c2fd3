namespace IpSolis.Domain.Jobs;

/// <summary>
/// Where a job is in its life. A failed attempt that will be retried goes back to <see cref="Pending"/> with a later
/// run-at; only the last failure makes it <see cref="Dead"/>.
/// </summary>
public enum JobState
{
    Pending,
    Running,
    Succeeded,
    Dead,
    Cancelled,
}
