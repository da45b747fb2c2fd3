using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// One step of a run, updated in place. <see cref="Attempts"/> is raised and committed before an attempt starts:
/// a row found <c>running</c> after a crash says the step's side effect may have begun, and how often.
/// </summary>
public sealed class RunbookRunStep
{
    public long Id { get; set; }

    public long RunId { get; set; }

    public int Position { get; set; }

    public required string Name { get; set; }

    public required string Module { get; set; }

    public RunbookStepStatus Status { get; set; } = RunbookStepStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Output values as a JSON object (string → string), secrets masked.</summary>
    public string OutputsJson { get; set; } = "{}";

    /// <summary>The live log, secrets masked, the newest 64 KB kept.</summary>
    public string Log { get; set; } = "";

    public string? Error { get; set; }

    /// <summary>Carried over from the run this one retries (not run again).</summary>
    public bool CarriedOver { get; set; }
}
