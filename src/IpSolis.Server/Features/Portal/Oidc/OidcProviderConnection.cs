namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>What the protocol client needs of a configured provider. <paramref name="ClientSecret"/> is plaintext
/// in memory only: never log or show this record.</summary>
/// <param name="Scopes">Space separated; always contains <c>openid</c>.</param>
public sealed record OidcProviderConnection(string Issuer, string ClientId, string? ClientSecret, string Scopes)
{
    public override string ToString() => $"{Issuer} (client {ClientId})";
}
