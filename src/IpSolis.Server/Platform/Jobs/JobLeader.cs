namespace IpSolis.Server.Platform.Jobs;

/// <summary>Who leads the scheduler, as the leader last reported it: what <c>/health</c> and <c>/ui/jobs</c> show.
/// Leadership itself is the advisory lock; this row only tells others about it.</summary>
public sealed class JobLeader
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public required string NodeId { get; set; }

    public DateTimeOffset Since { get; set; }

    public DateTimeOffset RenewedAt { get; set; }
}
