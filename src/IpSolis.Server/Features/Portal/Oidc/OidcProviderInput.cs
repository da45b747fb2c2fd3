namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>A provider as an operator enters it. A blank <see cref="ClientSecret"/> keeps the stored one;
/// <see cref="ClearClientSecret"/> removes it (a public client).</summary>
public sealed record OidcProviderInput(
    string? Id,
    string? DisplayName,
    string? Issuer,
    string? ClientId,
    string? ClientSecret,
    string? Scopes,
    string? EmailClaim,
    string? NameClaim,
    string? AllowedDomains,
    bool Enabled,
    bool ClearClientSecret = false);
