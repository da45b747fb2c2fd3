namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>
/// An OpenID Connect provider people may sign in to the portal with (Entra ID, Keycloak, Okta, ...). The client
/// secret is sealed at rest with the settings' key (AES-256-GCM under a key derived from <c>API_SECRET_KEY</c>, bound
/// to this provider's id) and never shown again.
/// </summary>
public sealed class OidcProvider
{
    /// <summary>Short id used in URLs (<c>/portal/auth/oidc/{id}/callback</c>): <c>a-z 0-9 _ -</c>, 1 to 40.</summary>
    public required string Id { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>Without trailing slash; Entra ID: <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public required string Issuer { get; set; }

    public required string ClientId { get; set; }

    /// <summary>Sealed (<c>enc:v1:…</c>), or null for a public client.</summary>
    public string? ClientSecretSealed { get; set; }

    /// <summary>Space separated; contains <c>openid</c>.</summary>
    public required string Scopes { get; set; }

    public required string EmailClaim { get; set; }

    public required string NameClaim { get; set; }

    /// <summary>Comma separated email domains people may come from; blank: any.</summary>
    public string AllowedDomains { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
