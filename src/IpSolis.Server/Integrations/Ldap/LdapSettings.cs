using IpSolis.Domain.Ldap;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>
/// The LDAP / Active Directory connection, on the Directory settings tab. Attribute names left blank take the
/// server type's default (shown in each hint), so an Active Directory needs only the address, the service account and
/// the base DN. The service account's password is a sealed secret: encrypted at rest, never shown, never logged.
/// </summary>
public static class LdapSettings
{
    private const string Group = DirectorySettings.Group;

    public static readonly SettingDefinition<Uri?> Url = new(
        "directory.ldap.url", null, text => new Uri(text, UriKind.Absolute), text =>
        {
            var trimmed = text.Trim();
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != "ldap" && uri.Scheme != "ldaps")
                || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
                return SettingInput.Invalid("Server URL must look like ldap://dc1.example.com:389 or ldaps://dc1.example.com:636 (no path or query).");
            return SettingInput.Valid($"{uri.Scheme}://{uri.Host}:{uri.Port}");
        }, "Server URL", "ldap://host:389 (plain, or StartTLS below) or ldaps://host:636 (TLS from the first byte).", Group);

    public static readonly SettingDefinition<bool> StartTls = SettingDefinitions.Boolean(
        "directory.ldap.start_tls", false, "Use StartTLS", "Upgrade an ldap:// connection to TLS before binding. The certificate is always verified.", Group);

    public static readonly SettingDefinition<string> CaFile = SettingDefinitions.Text(
        "directory.ldap.ca_file", "", "CA certificate file",
        "Path on the server to a PEM file with the CA that signed the directory's certificate, when the system's trust store does not have it. Certificate validation cannot be turned off.",
        Group, maxLength: 1000);

    public static readonly SettingDefinition<LdapServerType> ServerType = new(
        "directory.ldap.server_type", LdapServerType.ActiveDirectory,
        text => text switch
        {
            "active_directory" => LdapServerType.ActiveDirectory,
            "openldap" => LdapServerType.OpenLdap,
            _ => throw new FormatException(text),
        },
        text => text.Trim().ToLowerInvariant() switch
        {
            "active_directory" or "ad" => SettingInput.Valid("active_directory"),
            "openldap" => SettingInput.Valid("openldap"),
            _ => SettingInput.Invalid("Server type must be 'active_directory' or 'openldap'."),
        },
        "Server type", "active_directory or openldap: decides the attribute defaults, nested-group resolution and what a disabled account is.",
        Group, defaultText: "active_directory");

    public static readonly SettingDefinition<string> BindDn = SettingDefinitions.Text(
        "directory.ldap.bind_dn", "", "Service account", "DN (or user@domain on Active Directory) ip·Solis binds as to look people up and change groups.", Group, maxLength: 1000);

    public static readonly SettingDefinition<string?> BindPassword = SettingDefinitions.Secret(
        "directory.ldap.bind_password", "Service account password", "Encrypted at rest; never shown again.", Group, maxLength: 1000);

    public static readonly SettingDefinition<string> BaseDn = SettingDefinitions.Text(
        "directory.ldap.base_dn", "", "Base DN", "Where people and groups are searched, like dc=example,dc=com.", Group, maxLength: 1000,
        validate: dn => dn.Length == 0 || DistinguishedName.LooksLikeDn(dn) ? null : "Base DN must be a DN, like dc=example,dc=com.");

    public static readonly SettingDefinition<string> GroupBaseDn = SettingDefinitions.Text(
        "directory.ldap.group_base_dn", "", "Container for new groups", "Where groups ip·Solis creates go. Blank: the base DN.", Group, maxLength: 1000,
        validate: dn => dn.Length == 0 || DistinguishedName.LooksLikeDn(dn) ? null : "Container for new groups must be a DN, like ou=groups,dc=example,dc=com.");

    public static readonly SettingDefinition<string> PeopleFilter = Filter("directory.ldap.people_filter", "People filter",
        "Which entries are people. Blank: (&(objectCategory=person)(objectClass=user)) on Active Directory, (objectClass=inetOrgPerson) on OpenLDAP.");

    public static readonly SettingDefinition<string> GroupFilter = Filter("directory.ldap.group_filter", "Group filter",
        "Which entries are groups. Blank: (objectClass=group) on Active Directory, (|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)) on OpenLDAP.");

    public static readonly SettingDefinition<string> EmailAttribute = Attribute("email", "Email attribute", "mail", "mail");

    public static readonly SettingDefinition<string> UsernameAttribute = Attribute("username", "Username attribute", "sAMAccountName", "uid");

    public static readonly SettingDefinition<string> UpnAttribute = Attribute("upn", "UPN attribute", "userPrincipalName", "none");

    public static readonly SettingDefinition<string> DisplayNameAttribute = Attribute("display_name", "Display name attribute", "displayName", "displayName");

    public static readonly SettingDefinition<string> ManagerAttribute = Attribute("manager", "Manager attribute", "manager", "manager");

    public static readonly SettingDefinition<string> MemberAttribute = Attribute("member", "Group member attribute", "member", "member");

    public static readonly SettingDefinition<string> DepartmentAttribute = Attribute("department", "Department attribute", "department", "ou");

    public static readonly SettingDefinition<string> CostCenterAttribute = Attribute("cost_center", "Cost centre attribute", "none", "departmentNumber");

    public static readonly SettingDefinition<string> CompanyAttribute = Attribute("company", "Company attribute", "company", "o");

    public static readonly SettingDefinition<string> EmployeeIdAttribute = Attribute("employee_id", "Employee id attribute", "employeeID", "employeeNumber");

    public static readonly SettingDefinition<string> TitleAttribute = Attribute("title", "Title attribute", "title", "title");

    public static readonly SettingDefinition<string> DisabledAttribute = Attribute("disabled", "Disabled attribute",
        "userAccountControl (bit 2)", "pwdAccountLockedTime (present = disabled)");

    public static readonly SettingDefinition<string> ComputerObjectClasses = SettingDefinitions.Text(
        "directory.ldap.computer_object_classes", "", "Computer account object classes",
        "Comma-separated object classes of the computer accounts runbook steps create. Blank: top,person,organizationalPerson,user,computer on Active Directory, top,device on OpenLDAP. When the list has computer, accounts get sAMAccountName NAME$ and userAccountControl, and disabling sets ACCOUNTDISABLE (0x2); without it they can be created and deleted but not disabled.",
        Group, maxLength: 500,
        validate: value => value.Length == 0 || ComputerAccount.ParseClasses(value) is not null
            ? null
            : "Computer account object classes must be object class names separated by commas, like top,device.");

    public static readonly SettingDefinition<int> TimeoutSeconds = SettingDefinitions.Integer(
        "directory.ldap.timeout_seconds", 10, 1, 120, "Timeout (seconds)", "For connecting and for each search or bind.", Group);

    public static readonly SettingDefinition<int> PageSize = SettingDefinitions.Integer(
        "directory.ldap.page_size", 500, 10, 5000, "Page size", "Entries per page of a paged search (Active Directory's limit is 1000).", Group);

    public static readonly SettingDefinition<int> MaxConnections = SettingDefinitions.Integer(
        "directory.ldap.max_connections", 4, 1, 32, "Connections", "Service-account connections kept open and reused; more requests wait for one.", Group);

    public static readonly SettingDefinition<int> CacheSeconds = SettingDefinitions.Integer(
        "directory.ldap.cache_seconds", 60, 0, 3600, "Cache lifetime (seconds)",
        "How long lookups and memberships are remembered; 0 turns the cache off. Passwords are never cached.", Group);

    public static IEnumerable<ISettingDefinition> All =>
    [
        DirectorySettings.Source, Url, StartTls, CaFile, ServerType, BindDn, BindPassword, BaseDn, GroupBaseDn, PeopleFilter, GroupFilter,
        EmailAttribute, UsernameAttribute, UpnAttribute, DisplayNameAttribute, ManagerAttribute, MemberAttribute, DepartmentAttribute,
        CostCenterAttribute, CompanyAttribute, EmployeeIdAttribute, TitleAttribute, DisabledAttribute, ComputerObjectClasses, TimeoutSeconds, PageSize,
        MaxConnections, CacheSeconds,
    ];

    private static SettingDefinition<string> Attribute(string name, string label, string activeDirectory, string openLdap) =>
        SettingDefinitions.Text($"directory.ldap.attribute.{name}", "", label,
            $"Blank: {activeDirectory} on Active Directory, {openLdap} on OpenLDAP. 'none' leaves it unread.", Group, maxLength: 128,
            validate: value => value.Length == 0 || value == "none" || LdapFilter.IsAttributeName(value)
                ? null
                : $"{label} must be an LDAP attribute name (letters, digits and hyphens), or 'none'.");

    private static SettingDefinition<string> Filter(string key, string label, string description) =>
        SettingDefinitions.Text(key, "", label, description, Group, maxLength: 2000,
            validate: value => value.Length == 0 || LdapFilter.IsWellFormed(value) ? null : $"{label} must be one LDAP filter in parentheses, like (objectClass=person).");
}
