using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Authenticates administrators. Under <c>/api</c>: <c>Authorization: Bearer ips_…</c>, then <c>X-Admin-Key</c>,
/// and the console cookie for reads only, so a state change through the API is never carried by a cookie alone
/// (no CSRF surface). Under <c>/ui</c>: the console cookie only. Elsewhere nothing is looked at.
/// Challenges are 401 problem+json on the API and a redirect to the sign-in page in the console.
/// </summary>
internal sealed class AdminAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminSessions sessions,
    ApiTokenAuthentication tokens,
    IOptionsMonitor<SecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ipsolis-admin";
    public const string SignInPath = "/ui/login";
    public const string LegacyKeyHeader = "X-Admin-Key";

    private const string FailureKey = "ipsolis.auth_failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var path = Request.Path;
        var isApi = path.StartsWithSegments("/api");
        if (isApi)
        {
            var authorization = Request.Headers.Authorization.ToString();
            if (authorization.Length > 0)
            {
                if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                    return Fail("Only bearer tokens are accepted in the Authorization header.");
                var identity = await tokens.AuthenticateAsync(authorization["Bearer ".Length..].Trim(), Context.RequestAborted);
                return identity is null ? Fail("The token is unknown, revoked or expired.") : Success(identity);
            }

            if (Request.Headers.TryGetValue(LegacyKeyHeader, out var key))
            {
                var configured = security.CurrentValue.AdminApiKey;
                if (string.IsNullOrEmpty(configured) || !SecretHashes.FixedTimeEquals(key.ToString(), configured))
                    return Fail("The admin key is not valid.");
                return Success(new AdminIdentity(AdminIdentity.LegacyKey, AdminIdentity.LegacyKey, Domain.Access.AdminRole.Superadmin, null, LegacyAuthority: true));
            }

            if (!HttpMethods.IsGet(Request.Method) && !HttpMethods.IsHead(Request.Method))
                return AuthenticateResult.NoResult();
        }
        else if (!path.StartsWithSegments("/ui"))
        {
            return AuthenticateResult.NoResult();
        }

        if (Request.Cookies[AdminSessions.CookieName] is not { Length: > 0 } secret)
            return AuthenticateResult.NoResult();
        var session = await sessions.AuthenticateAsync(secret, Context.RequestAborted);
        return session is null ? AuthenticateResult.NoResult() : Success(session);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsApiOrMachine())
        {
            var failure = Context.Items[FailureKey] as string;
            Response.Headers.WWWAuthenticate = failure is null ? "Bearer realm=\"ipsolis\"" : "Bearer realm=\"ipsolis\", error=\"invalid_token\"";
            await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required",
                failure ?? "Send an API token as 'Authorization: Bearer ips_…'.");
            return;
        }

        var next = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect($"{SignInPath}?next={Uri.EscapeDataString(next)}");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (IsApiOrMachine())
        {
            await WriteProblemAsync(StatusCodes.Status403Forbidden, "Not allowed",
                "Your role or your token's scopes do not allow this.");
            return;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/html; charset=utf-8";
        await Response.WriteAsync(
            """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Not allowed · ip·Solis</title><link rel="icon" href="/icons/ipsolis.svg" type="image/svg+xml"><link rel="stylesheet" href="/css/ipsolis.css"></head>
            <body><main class="error-page"><h1>Not allowed</h1>
            <p>Your role does not give access to this page. Ask a superadmin if you need it.</p>
            <p><a class="btn" href="/ui">Back to the dashboard</a></p></main></body></html>
            """);
    }

    private bool IsApiOrMachine() =>
        Request.Path.StartsWithSegments("/api")
        || !Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase) && !Request.Path.StartsWithSegments("/ui");

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[FailureKey] = reason;
        return AuthenticateResult.Fail(reason);
    }

    private AuthenticateResult Success(AdminIdentity identity) =>
        AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName));

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var writer = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return writer.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
