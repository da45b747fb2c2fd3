using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Authenticates employees in the portal from the <see cref="PortalUser.CookieName"/> cookie, under <c>/portal</c>
/// only: the console's cookie is never looked at here, and this cookie never opens <c>/ui</c> or the API.
/// A challenge sends the browser to the portal sign-in page and back afterwards.
/// </summary>
internal sealed class PortalAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PortalSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string PathPrefix = "/portal";
    public const string SignInPath = "/portal/login";

    private const string SessionIdClaim = "ipsolis:portal_session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Path.StartsWithSegments(PathPrefix))
            return AuthenticateResult.NoResult();
        if (Request.Cookies[PortalUser.CookieName] is not { Length: > 0 } secret)
            return AuthenticateResult.NoResult();
        if (await sessions.AuthenticateAsync(secret, Context.RequestAborted) is not { } found)
            return AuthenticateResult.NoResult();

        var claims = new[]
        {
            // The antiforgery system ties its tokens to this claim: one value per session.
            new Claim(ClaimTypes.NameIdentifier, "portal:session:" + found.SessionId.ToString(CultureInfo.InvariantCulture)),
            new Claim(PortalUser.EmailClaim, found.User.Email),
            new Claim(PortalUser.NameClaim, found.User.DisplayName),
            new Claim(SessionIdClaim, found.SessionId.ToString(CultureInfo.InvariantCulture)),
        };
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, PortalUser.Scheme, PortalUser.NameClaim, null));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, PortalUser.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Only a page can be gone back to: after signing in, a form's POST address would answer 405.
        var back = HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method)
            ? Request.PathBase + Request.Path + Request.QueryString
            : PathPrefix;
        Response.Redirect($"{SignInPath}?returnUrl={Uri.EscapeDataString(back)}");
        return Task.CompletedTask;
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/html; charset=utf-8";
        await Response.WriteAsync(
            """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Not allowed · ip·Solis</title><link rel="icon" href="/icons/ipsolis.svg" type="image/svg+xml"><link rel="stylesheet" href="/css/ipsolis.css"></head>
            <body><main class="error-page"><h1>Not allowed</h1>
            <p>You cannot open this page.</p>
            <p><a class="btn" href="/portal">Back to the portal</a></p></main></body></html>
            """);
    }

    /// <summary>The portal session behind <paramref name="principal"/>, or null.</summary>
    public static long? SessionIdOf(ClaimsPrincipal? principal)
    {
        var identity = principal?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == PortalUser.Scheme);
        return long.TryParse(identity?.FindFirst(SessionIdClaim)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
