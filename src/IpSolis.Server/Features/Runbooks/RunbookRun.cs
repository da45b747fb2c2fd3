using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// One run of a runbook, persisted step by step outside any long transaction. <see cref="PlanJson"/> is the
/// runbook's steps as they were when the run was created, so editing a runbook never changes a run in flight or
/// the meaning of a resume.
/// </summary>
public sealed class RunbookRun
{
    public long Id { get; set; }

    public long RunbookId { get; set; }

    public required string RunbookName { get; set; }

    /// <summary>Asset-bound runs: the order they run for.</summary>
    public long? OrderId { get; set; }

    /// <summary><c>order</c>, <c>manual</c>, <c>scheduled</c>.</summary>
    public required string Trigger { get; set; }

    public required string TriggeredBy { get; set; }

    public RunbookRunStatus Status { get; set; } = RunbookRunStatus.Pending;

    public required string PlanJson { get; set; }

    public bool CancelRequested { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string? Error { get; set; }

    /// <summary>Why a run stopped early (a step's <c>stop_reason</c>).</summary>
    public string? Notes { get; set; }

    /// <summary>The run this one retries, when it does.</summary>
    public long? RetryOfRunId { get; set; }
}
