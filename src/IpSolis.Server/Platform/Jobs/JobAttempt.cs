namespace IpSolis.Server.Platform.Jobs;

/// <summary>One attempt that did not succeed, kept so an operator sees every error a job met, not only the last.</summary>
public sealed class JobAttempt
{
    public long Id { get; set; }

    public long JobId { get; set; }

    public int Attempt { get; set; }

    public string? NodeId { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset FinishedAt { get; set; }

    /// <summary>One of <see cref="JobAttemptOutcomes"/>.</summary>
    public required string Outcome { get; set; }

    public string? Error { get; set; }
}
