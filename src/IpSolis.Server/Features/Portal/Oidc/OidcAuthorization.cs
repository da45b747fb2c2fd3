namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>A prepared authorization request: the address to send the browser to and the values the callback must
/// be checked against (kept in the encrypted correlation cookie, never in the URL except state).</summary>
public sealed record OidcAuthorization(Uri Url, string State, string Nonce, string CodeVerifier);
