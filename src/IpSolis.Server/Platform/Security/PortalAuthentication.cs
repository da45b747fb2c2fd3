using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Registers the portal's authentication scheme and policy beside the console's, and the default scheme that picks
/// one of the two by path, so that under <c>/portal</c> a request's user is the portal session (and its forms'
/// antiforgery tokens are tied to it whichever endpoint they post to) and everywhere else the administrator.
/// Each handler reads only its own cookie under its own path, and each policy names its own scheme: an admin cookie
/// never satisfies <see cref="PortalUser.Policy"/>, and a portal cookie never satisfies an admin policy.
/// </summary>
public static class PortalAuthentication
{
    /// <summary>The default scheme: forwards to the portal or the admin scheme by path.</summary>
    public const string ByPathScheme = "ipsolis-by-path";

    public static AuthenticationBuilder AddPortalAuthentication(this AuthenticationBuilder builder)
    {
        builder.Services.AddSingleton<PortalSessions>();
        builder.AddScheme<AuthenticationSchemeOptions, PortalAuthenticationHandler>(PortalUser.Scheme, null);
        builder.AddPolicyScheme(ByPathScheme, null, options => options.ForwardDefaultSelector = static context =>
            context.Request.Path.StartsWithSegments(PortalAuthenticationHandler.PathPrefix)
                ? PortalUser.Scheme
                : AdminAuthenticationHandler.SchemeName);
        return builder;
    }

    public static AuthorizationBuilder AddPortalPolicy(this AuthorizationBuilder builder) =>
        builder.AddPolicy(PortalUser.Policy, policy => policy
            .AddAuthenticationSchemes(PortalUser.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PortalUser.EmailClaim));
}
