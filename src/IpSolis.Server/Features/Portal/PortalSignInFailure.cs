namespace IpSolis.Server.Features.Portal;

/// <summary>What the sign-in page tells a visitor whose provider sign-in did not work (<c>?failed=…</c>); the
/// reason itself is in the audit log only.</summary>
public static class PortalSignInFailure
{
    /// <summary>Something in the protocol did not check out.</summary>
    public const string Failed = "failed";

    /// <summary>Signed in at the provider, but not allowed here (domain, directory, group).</summary>
    public const string NotAllowed = "not-allowed";

    /// <summary>The provider or the directory could not be reached; try later.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The sign-in took too long or was started in another browser; start again.</summary>
    public const string Expired = "expired";

    public static string PageFor(string outcome) => $"{Platform.Security.PortalAuthenticationHandler.SignInPath}?failed={outcome}";
}
