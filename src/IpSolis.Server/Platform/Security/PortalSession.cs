namespace IpSolis.Server.Platform.Security;

/// <summary>
/// A signed-in portal session, recorded server-side like the console's, so that signing out, deactivating the
/// person or changing their password ends it at once on every node. The browser holds a random 256-bit secret in
/// the <see cref="PortalUser.CookieName"/> cookie; only its SHA-256 is stored.
/// </summary>
public sealed class PortalSession
{
    public long Id { get; set; }

    /// <summary>SHA-256 (hex) of the cookie's secret.</summary>
    public required string SecretHash { get; set; }

    /// <summary>The person's email, lower case: the portal identity.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>How the person signed in: <c>local</c> (local-directory password).</summary>
    public required string Method { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end, whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Why it ended: <c>signed_out</c>, <c>deactivated</c>, <c>password_changed</c>.</summary>
    public string? EndReason { get; set; }

    public string? ClientIp { get; set; }

    public string? UserAgent { get; set; }
}
