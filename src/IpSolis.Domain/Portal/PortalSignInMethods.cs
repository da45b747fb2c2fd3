namespace IpSolis.Domain.Portal;

/// <summary>
/// The ways into the portal an installation enables: <c>local</c> (local-directory password), <c>ldap</c> (directory
/// password; the same form as local), <c>oidc</c> (OpenID Connect providers) and <c>anonymous</c> (demo only: everyone
/// is one shared demo person, so it is refused in Production).
/// </summary>
public sealed record PortalSignInMethods(bool Local, bool Ldap, bool Oidc, bool Anonymous)
{
    public const string LocalName = "local";
    public const string LdapName = "ldap";
    public const string OidcName = "oidc";
    public const string AnonymousName = "anonymous";

    public static readonly PortalSignInMethods Default = new(true, false, false, false);

    /// <summary>Whether the username/password form is shown (local or LDAP).</summary>
    public bool PasswordForm => Local || Ldap;

    /// <summary>Reads a comma separated list like <c>local, oidc</c>; names are case-insensitive.</summary>
    public static Result<PortalSignInMethods> Parse(string? text, bool production)
    {
        bool local = false, ldap = false, oidc = false, anonymous = false;
        foreach (var raw in (text ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            switch (raw.Trim().ToLowerInvariant())
            {
                case LocalName: local = true; break;
                case LdapName: ldap = true; break;
                case OidcName: oidc = true; break;
                case AnonymousName: anonymous = true; break;
                default:
                    return new DomainError("portal.sign_in_methods.unknown", $"'{raw.Trim()}' is not a sign-in method: use local, ldap, oidc or anonymous.", "signInMethods");
            }
        }

        if (anonymous && production)
            return new DomainError("portal.sign_in_methods.anonymous", "'anonymous' is for demos only and is refused in Production.", "signInMethods");
        if (!(local || ldap || oidc || anonymous))
            return new DomainError("portal.sign_in_methods.empty", "Enable at least one sign-in method (local, ldap, oidc or anonymous).", "signInMethods");
        return Result<PortalSignInMethods>.Success(new PortalSignInMethods(local, ldap, oidc, anonymous));
    }

    public override string ToString() => string.Join(",", new[]
    {
        Local ? LocalName : null, Ldap ? LdapName : null, Oidc ? OidcName : null, Anonymous ? AnonymousName : null,
    }.OfType<string>());
}
