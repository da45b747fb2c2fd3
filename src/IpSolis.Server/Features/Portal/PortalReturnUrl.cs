using IpSolis.Server.Web;

namespace IpSolis.Server.Features.Portal;

/// <summary>Where a portal sign-in may send the person afterwards: a path of this site under <c>/portal</c> (not the
/// sign-in page itself), else <c>/portal</c>. So no sign-in form, link or provider round trip can bounce anyone to
/// another site.</summary>
public static class PortalReturnUrl
{
    public const string Home = "/portal";

    public static string Safe(string? wanted) =>
        WebShell.IsLocalPath(wanted)
        && (wanted == Home || wanted!.StartsWith("/portal/", StringComparison.Ordinal) || wanted.StartsWith("/portal?", StringComparison.Ordinal))
        && !wanted.StartsWith("/portal/login", StringComparison.OrdinalIgnoreCase)
        && !wanted.StartsWith("/portal/auth/", StringComparison.OrdinalIgnoreCase)
        && wanted.Length <= 2000
            ? wanted
            : Home;
}
