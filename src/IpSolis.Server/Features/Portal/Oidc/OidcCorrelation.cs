using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>
/// What a sign-in must remember between sending the browser to the provider and the callback: the provider, state,
/// nonce, PKCE verifier, redirect URI and where to go afterwards. Kept in the browser in a cookie encrypted and
/// authenticated with the data-protection key ring (shared by every node through the database), valid for
/// <see cref="Lifetime"/>, scoped to the callback path, and removed when the callback reads it: so it works on any
/// node, needs no server-side row, and cannot be read, forged or replayed later.
/// </summary>
public sealed record OidcCorrelation(string ProviderId, string State, string Nonce, string CodeVerifier, string RedirectUri, string ReturnUrl)
{
    public const string CookieName = "ipsolis.portal.oidc";

    public const string CookiePath = "/portal/auth/oidc";

    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string Purpose = "IpSolis.Portal.OidcCorrelation.v1";

    public void Write(HttpContext context, IDataProtectionProvider protection)
    {
        var protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
        var sealedValue = protector.Protect(JsonSerializer.Serialize(this), Lifetime);
        context.Response.Cookies.Append(CookieName, sealedValue, Options(context, Lifetime));
    }

    /// <summary>The correlation the browser brought back (and removes it), or null when it has none, it expired or
    /// it was altered.</summary>
    public static OidcCorrelation? Take(HttpContext context, IDataProtectionProvider protection)
    {
        if (context.Request.Cookies[CookieName] is not { Length: > 0 and < 4096 } sealedValue)
            return null;
        context.Response.Cookies.Delete(CookieName, Options(context, null));
        try
        {
            var protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
            return JsonSerializer.Deserialize<OidcCorrelation>(protector.Unprotect(sealedValue));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    private static CookieOptions Options(HttpContext context, TimeSpan? maxAge) => new()
    {
        Path = CookiePath,
        HttpOnly = true,
        IsEssential = true,
        // Lax: the provider sends the browser back with a top-level GET, which carries Lax cookies.
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        MaxAge = maxAge,
    };
}
