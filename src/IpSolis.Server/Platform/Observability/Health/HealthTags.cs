namespace IpSolis.Server.Platform.Observability.Health;

/// <summary>Tags that decide where a health check counts.</summary>
public static class HealthTags
{
    /// <summary>A failure makes <c>/health</c> answer 503 "error"; other failures only make it "degraded".</summary>
    public const string Critical = "critical";

    /// <summary>Counted by <c>/readyz</c>: the node can serve traffic.</summary>
    public const string Ready = "ready";
}
