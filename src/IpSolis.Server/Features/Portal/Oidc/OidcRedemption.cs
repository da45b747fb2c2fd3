namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>What the callback hands back for the code exchange: the code, the same redirect URI, the PKCE verifier
/// and the nonce the id_token must carry. <paramref name="ResponseIssuer"/> is the callback's <c>iss</c> parameter
/// (RFC 9207), when the provider sent one.</summary>
public sealed record OidcRedemption(string Code, Uri RedirectUri, string CodeVerifier, string Nonce, string? ResponseIssuer);
