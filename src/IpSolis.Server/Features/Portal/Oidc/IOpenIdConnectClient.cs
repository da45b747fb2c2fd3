namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>
/// The OpenID Connect protocol as portal sign-in needs it: where to send the browser, and what the provider's answer
/// proves. The adapter (Integrations/Oidc) does discovery, the JWKS cache, the code exchange and validates the
/// id_token; this feature decides who may sign in.
/// </summary>
public interface IOpenIdConnectClient
{
    /// <summary>An authorization request (code flow, PKCE S256) with fresh state, nonce and code verifier.</summary>
    Task<OidcResult<OidcAuthorization>> AuthorizeAsync(OidcProviderConnection provider, Uri redirectUri, CancellationToken cancellationToken);

    /// <summary>Exchanges the code and validates the id_token (signature via JWKS, issuer, audience, expiry, nonce).</summary>
    Task<OidcResult<OidcIdentity>> RedeemAsync(OidcProviderConnection provider, OidcRedemption redemption, CancellationToken cancellationToken);

    /// <summary>The provider's RP-initiated logout address for this sign-out, or null when it has none.</summary>
    Task<Uri?> SignOutUrlAsync(OidcProviderConnection provider, Uri postLogoutRedirectUri, CancellationToken cancellationToken);
}
