using IpSolis.Domain.Access;

namespace IpSolis.Server.Features.Administration;

/// <summary>A live console session as the superadmin's session list shows it.</summary>
public sealed record SessionSummary(
    long Id,
    long? AdminUserId,
    string Username,
    AdminRole Role,
    string Method,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset ExpiresAt,
    string? ClientIp,
    string? UserAgent);
