using IpSolis.Domain.Jobs;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>How a <see cref="JobState"/> is spelled in the database (and in SQL the claim and index filters use).</summary>
public static class JobStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Dead = "dead";
    public const string Cancelled = "cancelled";

    public static string Name(JobState state) => state switch
    {
        JobState.Pending => Pending,
        JobState.Running => Running,
        JobState.Succeeded => Succeeded,
        JobState.Dead => Dead,
        JobState.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static JobState Parse(string name) => name switch
    {
        Pending => JobState.Pending,
        Running => JobState.Running,
        Succeeded => JobState.Succeeded,
        Dead => JobState.Dead,
        Cancelled => JobState.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not a job state."),
    };
}
