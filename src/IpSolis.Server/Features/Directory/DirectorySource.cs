namespace IpSolis.Server.Features.Directory;

/// <summary>Which directory answers person lookups, group membership and portal passwords.</summary>
public enum DirectorySource
{
    /// <summary>The embedded local directory (people and groups in ip·Solis' own database).</summary>
    Local,

    /// <summary>An LDAP server or Active Directory (settings under <c>directory.ldap.*</c>).</summary>
    Ldap,
}
