namespace IpSolis.Server.Platform.Jobs;

/// <summary><c>Jobs:Schedules:&lt;name&gt;</c>: a recurring job an operator defines in configuration.</summary>
public sealed class RecurringJobOptions
{
    public string Cron { get; set; } = "";

    public string TimeZone { get; set; } = "UTC";

    public string Kind { get; set; } = "";

    /// <summary>The payload as JSON; empty for the kind's default.</summary>
    public string? Payload { get; set; }

    /// <summary>Empty for the kind's queue.</summary>
    public string? Queue { get; set; }
}
