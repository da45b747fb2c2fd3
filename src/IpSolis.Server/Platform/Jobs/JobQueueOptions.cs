namespace IpSolis.Server.Platform.Jobs;

/// <summary><c>Jobs:Queues:&lt;name&gt;</c>.</summary>
public sealed class JobQueueOptions
{
    /// <summary>Jobs of this queue one worker node runs at once.</summary>
    public int Concurrency { get; set; } = 5;
}
