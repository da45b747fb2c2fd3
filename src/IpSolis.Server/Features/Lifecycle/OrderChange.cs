namespace IpSolis.Server.Features.Lifecycle;

/// <summary>A change to an active order; null leaves a part as it is.</summary>
public sealed record OrderChange
{
    /// <summary>New end (an extension or a shortening).</summary>
    public DateTimeOffset? Until { get; init; }

    public IReadOnlyList<string>? RdpUsers { get; init; }

    public IReadOnlyList<string>? AdminUsers { get; init; }

    /// <summary>New owner; an empty string removes the owner. Only the requester (or an administrator) may change it.</summary>
    public string? OwnerEmail { get; init; }
}
