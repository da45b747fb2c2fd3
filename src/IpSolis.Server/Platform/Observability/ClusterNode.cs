namespace IpSolis.Server.Platform.Observability;

/// <summary>One running <c>ipsolis serve</c> process, as it last reported itself.</summary>
public sealed class ClusterNode
{
    public required string Id { get; set; }
    public required string HostName { get; set; }
    public required int ProcessId { get; set; }
    public required string Roles { get; set; }
    public required string Version { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    /// <summary>Set when the node shut down cleanly; null while it runs or if it died.</summary>
    public DateTimeOffset? StoppedAt { get; set; }
}
