namespace IpSolis.Server.Features.Portal;

/// <summary>Installation defaults for portal sign-in (section <c>Portal</c>); a superadmin overrides them at run time
/// on the Portal sign-in settings page.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Comma separated: <c>local</c>, <c>ldap</c>, <c>oidc</c>, <c>anonymous</c> (demo only; refused in Production).</summary>
    public string SignInMethods { get; set; } = "local";
}
