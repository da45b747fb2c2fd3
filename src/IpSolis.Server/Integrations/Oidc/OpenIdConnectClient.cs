using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IpSolis.Server.Features.Portal.Oidc;
using Microsoft.AspNetCore.WebUtilities;

namespace IpSolis.Server.Integrations.Oidc;

/// <summary>
/// The OpenID Connect relying party: authorization code flow with PKCE (S256), state and nonce; the code exchange
/// with the client secret (HTTP Basic when the provider allows it, else in the form); id_token validation through
/// <see cref="OidcIdTokenValidator"/>; the end_session_endpoint for RP-initiated logout. Nothing here logs a code,
/// a token or the client secret.
/// </summary>
internal sealed class OpenIdConnectClient(OidcDiscovery discovery, OidcIdTokenValidator validator, IHttpClientFactory http) : IOpenIdConnectClient
{
    public const string HttpClientName = "oidc";

    public async Task<OidcResult<OidcAuthorization>> AuthorizeAsync(OidcProviderConnection provider, Uri redirectUri, CancellationToken cancellationToken)
    {
        var (document, problem) = await discovery.GetAsync(provider.Issuer, cancellationToken);
        if (document is null)
            return OidcResult<OidcAuthorization>.Failed(OidcFailure.DiscoveryInvalid, problem!);

        var state = RandomValue();
        var nonce = RandomValue();
        var verifier = RandomValue();
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var url = QueryHelpers.AddQueryString(document.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = provider.ClientId,
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["scope"] = provider.Scopes,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return OidcResult<OidcAuthorization>.Success(new OidcAuthorization(new Uri(url), state, nonce, verifier));
    }

    public async Task<OidcResult<OidcIdentity>> RedeemAsync(OidcProviderConnection provider, OidcRedemption redemption, CancellationToken cancellationToken)
    {
        var (document, problem) = await discovery.GetAsync(provider.Issuer, cancellationToken);
        if (document is null)
            return OidcResult<OidcIdentity>.Failed(OidcFailure.DiscoveryInvalid, problem!);

        // RFC 9207: a provider that says which issuer answered must name this one, or the response was mixed up.
        if (redemption.ResponseIssuer is { } responseIssuer && !Domain.Portal.OidcIssuer.DiscoveryMatches(responseIssuer, document.Issuer)
            && !string.Equals(responseIssuer, document.Issuer, StringComparison.Ordinal)
            && !Domain.Portal.OidcIssuer.Matches(document.Issuer, responseIssuer, TenantOf(responseIssuer)))
            return OidcResult<OidcIdentity>.Failed(OidcFailure.WrongResponseIssuer, "the authorization response names another issuer");

        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = redemption.Code,
            ["redirect_uri"] = redemption.RedirectUri.AbsoluteUri,
            ["code_verifier"] = redemption.CodeVerifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, document.TokenEndpoint);
        var methods = document.TokenEndpointAuthMethodsSupported;
        var basic = methods is null || methods.Count == 0 || methods.Contains("client_secret_basic");
        if (provider.ClientSecret is null)
        {
            form["client_id"] = provider.ClientId;
        }
        else if (basic)
        {
            // RFC 6749 2.3.1: both parts are form-urlencoded before they are joined.
            var pair = $"{Uri.EscapeDataString(provider.ClientId)}:{Uri.EscapeDataString(provider.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        else
        {
            form["client_id"] = provider.ClientId;
            form["client_secret"] = provider.ClientSecret;
        }

        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.ParseAdd("application/json");
        string? idToken;
        try
        {
            using var client = http.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = ErrorCode(body);
                return (int)response.StatusCode is >= 400 and < 500
                    ? OidcResult<OidcIdentity>.Failed(OidcFailure.CodeRejected, $"token endpoint answered {(int)response.StatusCode} {error}")
                    : OidcResult<OidcIdentity>.Failed(OidcFailure.ProviderUnavailable, $"token endpoint answered {(int)response.StatusCode}");
            }

            idToken = IdTokenOf(body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return OidcResult<OidcIdentity>.Failed(OidcFailure.ProviderUnavailable, $"token endpoint unreachable: {ex.GetType().Name}");
        }

        if (idToken is null)
            return OidcResult<OidcIdentity>.Failed(OidcFailure.IdTokenMalformed, "the token response has no id_token");
        return await validator.ValidateAsync(idToken, document, provider, redemption.Nonce, cancellationToken);
    }

    public async Task<Uri?> SignOutUrlAsync(OidcProviderConnection provider, Uri postLogoutRedirectUri, CancellationToken cancellationToken)
    {
        var (document, _) = await discovery.GetAsync(provider.Issuer, cancellationToken);
        if (document is null || string.IsNullOrEmpty(document.EndSessionEndpoint)
            || !Uri.TryCreate(document.EndSessionEndpoint, UriKind.Absolute, out var endpoint)
            || (endpoint.Scheme != Uri.UriSchemeHttps && !(endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback)))
            return null;
        // client_id instead of id_token_hint (OpenID Connect RP-Initiated Logout 1.0, section 2): we do not keep
        // id_tokens after sign-in.
        return new Uri(QueryHelpers.AddQueryString(endpoint.AbsoluteUri, new Dictionary<string, string?>
        {
            ["client_id"] = provider.ClientId,
            ["post_logout_redirect_uri"] = postLogoutRedirectUri.AbsoluteUri,
        }));
    }

    private static string? IdTokenOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                   && json.RootElement.TryGetProperty("id_token", out var token) && token.ValueKind == JsonValueKind.String
                ? token.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? new string((error.GetString() ?? "").Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').Take(64).ToArray())
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string? TenantOf(string issuer)
    {
        var parts = issuer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 ? parts[2] : null;
    }

    private static string RandomValue() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
