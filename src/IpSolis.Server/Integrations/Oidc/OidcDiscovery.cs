using System.Collections.Concurrent;
using IpSolis.Domain.Portal;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace IpSolis.Server.Integrations.Oidc;

/// <summary>
/// Each provider's discovery document (<c>{issuer}/.well-known/openid-configuration</c>), kept for an hour. A
/// document whose <c>issuer</c> is not the configured one (or its Entra template) is refused, so a provider cannot
/// speak for another issuer. Failures are not kept: the next sign-in tries again.
/// </summary>
internal sealed class OidcDiscovery(IHttpClientFactory http, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (OpenIdConnectConfiguration Document, DateTimeOffset FetchedAt)> _documents = new(StringComparer.Ordinal);

    /// <summary>The issuer's document, or the reason it could not be had.</summary>
    public async Task<(OpenIdConnectConfiguration? Document, string? Problem)> GetAsync(string issuer, CancellationToken cancellationToken)
    {
        if (_documents.TryGetValue(issuer, out var cached) && time.GetUtcNow() - cached.FetchedAt < Lifetime)
            return (cached.Document, null);

        var address = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        string json;
        try
        {
            using var client = http.CreateClient(OpenIdConnectClient.HttpClientName);
            using var response = await client.GetAsync(address, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return (null, $"discovery answered {(int)response.StatusCode}");
            json = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"discovery unreachable: {ex.GetType().Name}");
        }

        OpenIdConnectConfiguration document;
        try
        {
            document = OpenIdConnectConfiguration.Create(json);
        }
        catch (ArgumentException ex)
        {
            return (null, $"discovery document does not parse: {ex.GetType().Name}");
        }

        if (string.IsNullOrEmpty(document.Issuer) || !OidcIssuer.DiscoveryMatches(issuer, document.Issuer))
            return (null, $"discovery names issuer '{Shorten(document.Issuer)}', not the configured one");
        if (string.IsNullOrEmpty(document.AuthorizationEndpoint) || string.IsNullOrEmpty(document.TokenEndpoint) || string.IsNullOrEmpty(document.JwksUri))
            return (null, "discovery lacks authorization_endpoint, token_endpoint or jwks_uri");
        if (!IsHttpUrl(document.AuthorizationEndpoint) || !IsHttpUrl(document.TokenEndpoint) || !IsHttpUrl(document.JwksUri))
            return (null, "discovery endpoints are not absolute http(s) URLs");

        _documents[issuer] = (document, time.GetUtcNow());
        return (document, null);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    private static string Shorten(string? text) => text is null ? "" : text.Length > 200 ? text[..200] : text;
}
