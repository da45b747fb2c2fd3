using IpSolis.Server.Features.Directory;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>A person found in the directory: the entry callers see, plus where it lives.</summary>
/// <param name="Dn">The entry's DN as the server returned it; only ever used as a DN or as an escaped filter value.</param>
/// <param name="ManagerDn">The manager attribute's DN, or null.</param>
public sealed record LdapPerson(string Dn, DirectoryEntry Entry, string? ManagerDn);
