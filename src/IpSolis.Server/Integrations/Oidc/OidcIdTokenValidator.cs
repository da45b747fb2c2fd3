using System.Text.Json;
using IpSolis.Domain.Portal;
using IpSolis.Server.Features.Portal.Oidc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace IpSolis.Server.Integrations.Oidc;

/// <summary>
/// Validates an id_token as OpenID Connect Core 3.1.3.7 asks: an asymmetric signature by a key of the provider's
/// JWKS (fetched again for an unknown kid), the issuer (Entra's <c>{tenantid}</c> form bound to <c>tid</c>), our
/// client among the audiences (and as <c>azp</c> when there are several), expiry and issue time with two minutes of
/// clock skew, and the nonce we sent. The signature is checked by the IdentityModel handler; the claims here, in
/// this order, so each failure has one name.
/// </summary>
internal sealed class OidcIdTokenValidator(OidcKeySet keys, TimeProvider time)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    // Asymmetric only: an HMAC id_token would be keyed with the client secret, which we would rather not make a
    // signing key; no provider we target needs it.
    private static readonly HashSet<string> Accepted =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public async Task<OidcResult<OidcIdentity>> ValidateAsync(
        string idToken, OpenIdConnectConfiguration document, OidcProviderConnection provider, string expectedNonce, CancellationToken cancellationToken)
    {
        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(idToken);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException)
        {
            return Fail(OidcFailure.IdTokenMalformed, "id_token is not a JWT");
        }

        var allowed = document.IdTokenSigningAlgValuesSupported is { Count: > 0 } published
            ? published.Where(Accepted.Contains).ToHashSet(StringComparer.Ordinal)
            : ["RS256"];
        if (string.IsNullOrEmpty(token.Alg) || !allowed.Contains(token.Alg))
            return Fail(OidcFailure.AlgorithmNotAllowed, $"id_token alg '{Short(token.Alg)}' is not accepted");

        var kid = string.IsNullOrEmpty(token.Kid) ? null : token.Kid;
        var (signingKeys, problem) = await keys.FindAsync(document.JwksUri, kid, cancellationToken);
        if (signingKeys is null)
            return Fail(OidcFailure.ProviderUnavailable, problem ?? "jwks unavailable");
        if (signingKeys.Count == 0)
            return Fail(OidcFailure.UnknownSigningKey, $"no key with kid '{Short(kid)}' in the provider's JWKS");

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = signingKeys,
            ValidAlgorithms = allowed,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            // Checked below, in order, with our clock.
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return result.Exception is SecurityTokenInvalidAlgorithmException
                ? Fail(OidcFailure.AlgorithmNotAllowed, "id_token algorithm refused")
                : Fail(OidcFailure.InvalidSignature, $"id_token signature does not verify ({result.Exception?.GetType().Name})");
        }

        var tenant = token.TryGetPayloadValue<string>("tid", out var tid) ? tid : null;
        if (!OidcIssuer.Matches(document.Issuer, token.Issuer, tenant))
            return Fail(OidcFailure.WrongIssuer, $"id_token iss '{Short(token.Issuer)}' is not '{document.Issuer}'");

        var audiences = token.Audiences.ToList();
        if (!audiences.Contains(provider.ClientId, StringComparer.Ordinal))
            return Fail(OidcFailure.WrongAudience, $"id_token aud '{Short(string.Join(" ", audiences))}' does not include our client");
        var azp = token.TryGetPayloadValue<string>("azp", out var party) ? party : null;
        if ((audiences.Count > 1 || azp is not null) && azp is not null && azp != provider.ClientId)
            return Fail(OidcFailure.WrongAuthorizedParty, $"id_token azp '{Short(azp)}' is not our client");
        if (audiences.Count > 1 && azp is null)
            return Fail(OidcFailure.WrongAuthorizedParty, "id_token has several audiences and no azp");

        var now = time.GetUtcNow();
        if (!token.TryGetPayloadValue<long>("exp", out var exp))
            return Fail(OidcFailure.Expired, "id_token has no exp");
        if (DateTimeOffset.FromUnixTimeSeconds(exp) + ClockSkew <= now)
            return Fail(OidcFailure.Expired, $"id_token expired at {DateTimeOffset.FromUnixTimeSeconds(exp):O}");
        if (!token.TryGetPayloadValue<long>("iat", out var iat))
            return Fail(OidcFailure.NotYetValid, "id_token has no iat");
        if (DateTimeOffset.FromUnixTimeSeconds(iat) - ClockSkew > now)
            return Fail(OidcFailure.NotYetValid, $"id_token issued in the future ({DateTimeOffset.FromUnixTimeSeconds(iat):O})");
        if (token.TryGetPayloadValue<long>("nbf", out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf) - ClockSkew > now)
            return Fail(OidcFailure.NotYetValid, "id_token not valid before its nbf");

        var nonce = token.TryGetPayloadValue<string>("nonce", out var sent) ? sent : null;
        if (nonce is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(nonce), System.Text.Encoding.UTF8.GetBytes(expectedNonce)))
            return Fail(OidcFailure.WrongNonce, "id_token nonce is not the one this sign-in sent");

        if (string.IsNullOrEmpty(token.Subject))
            return Fail(OidcFailure.MissingSubject, "id_token has no sub");

        return OidcResult<OidcIdentity>.Success(new OidcIdentity(token.Issuer, token.Subject, Claims(token)));
    }

    private static Dictionary<string, string> Claims(JsonWebToken token)
    {
        var claims = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var claim in token.Claims)
            claims.TryAdd(claim.Type, claim.Value);
        return claims;
    }

    private static OidcResult<OidcIdentity> Fail(OidcFailure failure, string detail) => OidcResult<OidcIdentity>.Failed(failure, detail);

    private static string Short(string? text) => text is null ? "" : text.Length > 120 ? text[..120] : text;
}
