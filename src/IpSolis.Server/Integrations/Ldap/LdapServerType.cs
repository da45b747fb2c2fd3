namespace IpSolis.Server.Integrations.Ldap;

/// <summary>Decides the attribute defaults, how nested membership is resolved and how a disabled account looks.</summary>
public enum LdapServerType
{
    /// <summary>
    /// Active Directory: membership through the in-chain matching rule, disabled = <c>userAccountControl</c> bit 2
    /// (ACCOUNTDISABLE), groups created as global security groups.
    /// </summary>
    ActiveDirectory,

    /// <summary>
    /// OpenLDAP and other RFC servers: membership expanded level by level (bounded), disabled = the disabled attribute
    /// (default ppolicy's <c>pwdAccountLockedTime</c>) is present, groups created as <c>groupOfNames</c>.
    /// </summary>
    OpenLdap,
}
