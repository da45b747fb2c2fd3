using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// An ordered list of steps. Asset-bound (an <see cref="AssetTypeId"/> and an <see cref="Action"/>: at most one per
/// type and action) it runs inside an order; standalone (neither) it runs by hand or on its cron schedule.
/// </summary>
public sealed class Runbook
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public string Description { get; set; } = "";

    public long? AssetTypeId { get; set; }

    public RunbookAction? Action { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Standalone only: five-field cron read in <see cref="TimeZone"/>.</summary>
    public string? CronExpression { get; set; }

    public string TimeZone { get; set; } = "UTC";

    public bool ScheduleEnabled { get; set; }

    /// <summary>A tick (or a manual start) finding an unfinished run does nothing.</summary>
    public bool SkipIfRunning { get; set; } = true;

    /// <summary>When the schedule fires next (UTC); null while it is off.</summary>
    public DateTimeOffset? NextRunAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<RunbookStep> Steps { get; set; } = [];

    public bool IsStandalone => AssetTypeId is null;
}
