namespace IpSolis.Domain.Portal;

/// <summary>
/// Rules for an OpenID Connect issuer: how an operator's entry is stored and whether the <c>iss</c> of an id_token
/// is the issuer we trust. Microsoft Entra ID's multi-tenant endpoints (<c>common</c>, <c>organizations</c>)
/// publish the template <c>https://login.microsoftonline.com/{tenantid}/v2.0</c> as their issuer; a token from them
/// names its real tenant in <c>iss</c> and in <c>tid</c>, and is accepted only when the two agree.
/// </summary>
public static class OidcIssuer
{
    public const string TenantPlaceholder = "{tenantid}";

    /// <summary>The stored form of an issuer entry (an absolute https URL, or http on a loopback address for
    /// tests and demos; no query or fragment; no trailing slash), or why it cannot be one.</summary>
    public static Result<string> Normalize(string? input)
    {
        var text = (input ?? "").Trim().TrimEnd('/');
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            return new DomainError("oidc.issuer.url", "The issuer must be an absolute https:// URL, like https://login.microsoftonline.com/<tenant id>/v2.0.", "issuer");
        if (uri.Scheme == "http" && !uri.IsLoopback)
            return new DomainError("oidc.issuer.https", "The issuer must use https:// (plain http is accepted only on a loopback address, for tests).", "issuer");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            return new DomainError("oidc.issuer.parts", "The issuer cannot contain a user name, a query (?…) or a fragment (#…).", "issuer");
        return Result<string>.Success(text);
    }

    /// <summary>
    /// Whether a token's <paramref name="tokenIssuer"/> is <paramref name="expectedIssuer"/> (as published by the
    /// provider's discovery document). Exact, case-sensitive comparison (OpenID Connect Core 3.1.3.7), except that
    /// a <see cref="TenantPlaceholder"/> in the expected issuer stands for the token's own <paramref name="tenantId"/>.
    /// </summary>
    public static bool Matches(string expectedIssuer, string? tokenIssuer, string? tenantId)
    {
        if (string.IsNullOrEmpty(tokenIssuer))
            return false;
        if (!expectedIssuer.Contains(TenantPlaceholder, StringComparison.Ordinal))
            return string.Equals(expectedIssuer, tokenIssuer, StringComparison.Ordinal);
        if (!IsTenantId(tenantId))
            return false;
        return string.Equals(expectedIssuer.Replace(TenantPlaceholder, tenantId, StringComparison.Ordinal), tokenIssuer, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether a discovery document's <c>issuer</c> belongs to the configured issuer: equal, or the Entra template
    /// form of a configured multi-tenant authority (<c>…/common/v2.0</c> or <c>…/organizations/v2.0</c>).
    /// </summary>
    public static bool DiscoveryMatches(string configuredIssuer, string discoveredIssuer)
    {
        if (string.Equals(configuredIssuer, discoveredIssuer.TrimEnd('/'), StringComparison.Ordinal))
            return true;
        if (!discoveredIssuer.Contains(TenantPlaceholder, StringComparison.Ordinal))
            return false;
        foreach (var tenant in new[] { "common", "organizations", "consumers" })
        {
            if (string.Equals(discoveredIssuer.Replace(TenantPlaceholder, tenant, StringComparison.Ordinal), configuredIssuer, StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    // Entra tenant ids are GUIDs; anything else (a path, a dot) must not be spliced into the issuer.
    private static bool IsTenantId(string? tenantId) =>
        tenantId is { Length: 36 } && Guid.TryParseExact(tenantId, "D", out _);
}
