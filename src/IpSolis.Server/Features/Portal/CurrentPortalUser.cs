using IpSolis.Server.Platform.Security;
using Microsoft.AspNetCore.Authentication;

namespace IpSolis.Server.Features.Portal;

/// <summary>
/// The employee signed in to the portal for this request. Under <c>/portal</c> the request's own user is the portal
/// session (the default authentication forwards there by path), so pages read it from the cascading
/// <c>HttpContext</c> exactly as admin pages read <see cref="AdminIdentity"/>:
/// <code>
/// @attribute [Authorize(Policy = PortalUser.Policy)]
/// [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
/// var me = CurrentPortalUser.Require(HttpContext);
/// </code>
/// Endpoints take <c>HttpContext</c> and do the same after <c>.RequireAuthorization(PortalUser.Policy)</c>.
/// </summary>
public static class CurrentPortalUser
{
    /// <summary>The signed-in portal user, or null (signed out, or not a portal request).</summary>
    public static PortalUser? Find(HttpContext context) => PortalUser.From(context.User);

    /// <summary>
    /// The signed-in portal user; for pages and endpoints that require <see cref="PortalUser.Policy"/>, where a
    /// missing user is a programming error (the page forgot its <c>[Authorize]</c>), never a visitor's mistake.
    /// </summary>
    public static PortalUser Require(HttpContext context) =>
        Find(context) ?? throw new InvalidOperationException(
            $"No portal user on {context.Request.Path}: require the '{PortalUser.Policy}' policy on this page or endpoint.");

    /// <summary>
    /// The portal user even where the request's user comes from another scheme (outside <c>/portal</c> the portal
    /// cookie is never read, so this is null there too); for code that cannot rely on the path.
    /// </summary>
    public static async Task<PortalUser?> AuthenticateAsync(HttpContext context)
    {
        if (Find(context) is { } user)
            return user;
        var result = await context.AuthenticateAsync(PortalUser.Scheme);
        return result.Succeeded ? PortalUser.From(result.Principal) : null;
    }
}
