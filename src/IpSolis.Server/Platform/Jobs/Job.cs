using IpSolis.Domain.Jobs;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>One unit of background work, durable in the application database from enqueue to its end.</summary>
public sealed class Job
{
    public long Id { get; set; }

    /// <summary>The registered handler that runs it, like <c>orders.provision</c>.</summary>
    public required string Kind { get; set; }

    public required string Queue { get; set; }

    /// <summary>The handler's input as JSON.</summary>
    public required string Payload { get; set; }

    public JobState State { get; set; }

    /// <summary>Higher runs first among ready jobs of a queue.</summary>
    public int Priority { get; set; }

    /// <summary>Not claimed before this instant; a retry moves it to after the backoff.</summary>
    public DateTimeOffset RunAt { get; set; }

    /// <summary>Attempts started so far, including the running one.</summary>
    public int Attempt { get; set; }

    public int MaxAttempts { get; set; }

    /// <summary>At most one pending or running job has a given key; enqueuing it again meanwhile does nothing.</summary>
    public string? UniqueKey { get; set; }

    /// <summary>The node running it (while running).</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When another node may take it if its owner stops renewing.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the latest attempt started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The recurring schedule that fired it, if any.</summary>
    public string? ScheduleName { get; set; }

    public List<JobAttempt> Attempts { get; set; } = [];
}
