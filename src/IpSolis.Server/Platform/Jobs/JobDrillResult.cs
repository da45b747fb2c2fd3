namespace IpSolis.Server.Platform.Jobs;

/// <summary>The side effect of one successful drill job: which node ran which attempt and when. Written in the
/// transaction that marks the job succeeded, so a job has exactly one row here however often it ran.</summary>
public sealed class JobDrillResult
{
    public long Id { get; set; }

    public long JobId { get; set; }

    public required string Batch { get; set; }

    public int Attempt { get; set; }

    public required string NodeId { get; set; }

    public DateTimeOffset FinishedAt { get; set; }
}
