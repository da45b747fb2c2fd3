using System.Security.Claims;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// The employee signed in to the portal (its own cookie, separate from the admin console's). Every portal action
/// takes the identity from here, never from a form field.
/// </summary>
public sealed record PortalUser(string Email, string DisplayName)
{
    /// <summary>Authentication scheme of the portal session.</summary>
    public const string Scheme = "Portal";

    /// <summary>Authorization policy: a signed-in portal user.</summary>
    public const string Policy = "portal:user";

    public const string CookieName = "ipsolis.portal";

    public const string EmailClaim = "email";

    public const string NameClaim = "name";

    /// <summary>The portal user of a principal authenticated by the portal scheme, or null.</summary>
    public static PortalUser? From(ClaimsPrincipal? principal)
    {
        var identity = principal?.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == Scheme);
        var email = identity?.FindFirst(EmailClaim)?.Value;
        return email is null ? null : new PortalUser(email, identity!.FindFirst(NameClaim)?.Value ?? email);
    }
}
