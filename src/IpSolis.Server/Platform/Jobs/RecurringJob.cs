namespace IpSolis.Server.Platform.Jobs;

/// <summary>A recurring job a feature defines in code (<c>services.AddRecurringJob(...)</c>).</summary>
/// <param name="Name">Stable name; the schedule's progress is kept under it.</param>
/// <param name="Cron">Five cron fields, or six with seconds first.</param>
/// <param name="TimeZone">IANA zone the cron fields are read in.</param>
/// <param name="Kind">The job kind it enqueues.</param>
/// <param name="Payload">The payload of every job it fires (JSON).</param>
public sealed record RecurringJob(string Name, string Cron, string TimeZone, string Kind, string Payload = "{}")
{
    /// <summary>Null for the kind's queue.</summary>
    public string? Queue { get; init; }
}
