namespace IpSolis.Server.Platform.Jobs;

/// <summary>A job to enqueue.</summary>
/// <param name="Kind">A registered kind.</param>
/// <param name="Payload">Serialized to JSON (a string is taken as JSON already); null for <c>{}</c>.</param>
public sealed record JobRequest(string Kind, object? Payload = null)
{
    /// <summary>Null for the kind's queue.</summary>
    public string? Queue { get; init; }

    /// <summary>Null to run as soon as a worker is free.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Higher runs first.</summary>
    public int Priority { get; init; }

    /// <summary>Null for the kind's.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>While a job with this key is pending or running, enqueuing another does nothing.</summary>
    public string? UniqueKey { get; init; }

    /// <summary>Set by the scheduler for the jobs it fires.</summary>
    internal string? ScheduleName { get; init; }
}
