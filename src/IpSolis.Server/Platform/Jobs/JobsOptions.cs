namespace IpSolis.Server.Platform.Jobs;

/// <summary>The <c>Jobs</c> section: workers, leases, the scheduler and retention.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Per-queue settings by queue name; queues not listed use the defaults.</summary>
    public Dictionary<string, JobQueueOptions> Queues { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Comma-separated queues this node works (from <c>serve --queues</c>); empty means all of them.</summary>
    public string? Only { get; set; }

    /// <summary>How long a claimed job stays with its node without a heartbeat.</summary>
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often a node renews the leases of the jobs it runs.</summary>
    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>How often idle workers look for ready jobs when no wake-up arrives (scheduled and retried jobs,
    /// a missed notification).</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>How often a non-leader tries to take the scheduler lock: failover time after a leader dies.</summary>
    public double LeaderRetrySeconds { get; set; } = 2;

    /// <summary>Finished (succeeded or cancelled) jobs are deleted after this many days; dead jobs are kept.</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary><c>/health</c> reports degraded when a queue's oldest ready job has waited longer than this.</summary>
    public int ReadyWaitWarningSeconds { get; set; } = 300;

    /// <summary>Recurring schedules defined in configuration, by name.</summary>
    public Dictionary<string, RecurringJobOptions> Schedules { get; set; } = new(StringComparer.Ordinal);

    public int ConcurrencyOf(string queue) => Queues.TryGetValue(queue, out var options) ? options.Concurrency : new JobQueueOptions().Concurrency;

    /// <summary>The queues this node works.</summary>
    public IReadOnlyList<string> WorkedQueues() => string.IsNullOrWhiteSpace(Only)
        ? JobQueues.All
        : [.. Only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
