namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>Which provider (and which subject there) a portal session came from, so that signing out can also end
/// the session at that provider (RP-initiated logout) and the audit log can name the external identity.</summary>
public sealed class PortalOidcSession
{
    /// <summary>The <see cref="Platform.Security.PortalSession"/> this belongs to.</summary>
    public long PortalSessionId { get; set; }

    public required string ProviderId { get; set; }

    public required string Subject { get; set; }

    public required string Issuer { get; set; }
}
