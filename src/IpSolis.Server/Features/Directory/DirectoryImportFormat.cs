namespace IpSolis.Server.Features.Directory;

/// <summary>The file formats the local directory imports people from.</summary>
public enum DirectoryImportFormat
{
    /// <summary>A header row naming columns: email, name (or displayName), username, manager, department, costCenter, title, company, employeeId, active, groups (separated by ;).</summary>
    Csv,

    /// <summary>LDIF (RFC 2849) as exported from a directory: inetOrgPerson-style attributes; manager DNs are resolved to the manager's mail within the file.</summary>
    Ldif,
}
