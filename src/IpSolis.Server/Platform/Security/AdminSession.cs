using IpSolis.Domain.Access;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// A signed-in console session, recorded server-side so that sign-out, deactivation and demotion end it at once on
/// every node. The browser holds a random 256-bit secret; only its SHA-256 is stored.
/// </summary>
public sealed class AdminSession
{
    public long Id { get; set; }

    /// <summary>SHA-256 (hex) of the cookie's secret.</summary>
    public required string SecretHash { get; set; }

    /// <summary>The account; null for a session opened with the legacy key.</summary>
    public long? AdminUserId { get; set; }

    public AdminUser? AdminUser { get; set; }

    /// <summary>The role at sign-in; a session whose account no longer has it is over.</summary>
    public AdminRole Role { get; set; }

    /// <summary><c>password</c> or <c>legacy_key</c>.</summary>
    public required string Method { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end, whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended: <c>signed_out</c>, <c>ended_by_admin</c>, <c>deactivated</c>, <c>role_changed</c>, <c>password_changed</c>, <c>deleted</c>.</summary>
    public string? EndReason { get; set; }

    public string? ClientIp { get; set; }

    public string? UserAgent { get; set; }
}
