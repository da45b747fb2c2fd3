namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// A recurring job as the leader keeps track of it. Definitions come from code and configuration; the leader
/// copies them here with the progress (last and next tick) every leader after it continues from.
/// </summary>
public sealed class RecurringSchedule
{
    public required string Name { get; set; }

    /// <summary>Five cron fields (minute hour day month weekday), or six with seconds first.</summary>
    public required string Cron { get; set; }

    /// <summary>IANA zone the cron fields are read in.</summary>
    public required string TimeZone { get; set; }

    public required string Kind { get; set; }

    public required string Queue { get; set; }

    public required string Payload { get; set; }

    /// <summary>The tick last fired (its nominal instant, not when the job ran).</summary>
    public DateTimeOffset? LastTickAt { get; set; }

    /// <summary>When the last tick was fired.</summary>
    public DateTimeOffset? LastFiredAt { get; set; }

    /// <summary>The tick the schedule waits for; moving it is how a leader claims a tick, so it is the concurrency token.</summary>
    public DateTimeOffset? NextTickAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
