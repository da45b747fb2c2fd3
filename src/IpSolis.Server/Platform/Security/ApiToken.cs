using IpSolis.Domain.Access;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// A bearer token for the API. The token itself is shown once; only its SHA-256 and its first 8 characters
/// (to recognise it in lists) are kept.
/// </summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 (hex) of the whole token.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The first 8 characters, <c>ips_</c> included.</summary>
    public required string TokenPrefix { get; set; }

    /// <summary>Space-separated scopes from <see cref="ApiTokenScopes.Catalog"/>.</summary>
    public required string Scopes { get; set; }

    /// <summary>Never above the creator's role at creation; capped by the creator's current role on every request.</summary>
    public AdminRole Role { get; set; }

    /// <summary>The audit actor that created it.</summary>
    public required string CreatedBy { get; set; }

    /// <summary>The creating account; null when the legacy key created it, or once that account was deleted.</summary>
    public long? CreatedByUserId { get; set; }

    public AdminUser? CreatedByUser { get; set; }

    /// <summary>True when the legacy key created it (and no account stands behind it).</summary>
    public bool CreatedByLegacyKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public string Status(DateTimeOffset now) =>
        RevokedAt is not null ? "revoked" : ExpiresAt is { } expires && expires <= now ? "expired" : "active";
}
