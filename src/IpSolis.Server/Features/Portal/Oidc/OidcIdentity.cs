namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>Who a validated id_token says signed in: its issuer, subject and claims (string values; an array claim
/// keeps its first value).</summary>
public sealed record OidcIdentity(string Issuer, string Subject, IReadOnlyDictionary<string, string> Claims)
{
    public string? Claim(string name) => Claims.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
