using System.Security.Cryptography;
using IpSolis.Domain;

namespace IpSolis.Server.Platform.Observability;

/// <summary>Who this process is in the cluster: stable for its lifetime, unique across restarts and hosts.</summary>
public sealed class NodeIdentity(NodeRole roles, TimeProvider time)
{
    public string Id { get; } = $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    public NodeRole Roles { get; } = roles;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();
}
