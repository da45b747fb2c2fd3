using IpSolis.Domain.Ldap;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Integrations.Ldap;

/// <summary>
/// The LDAP settings as one immutable value with every default resolved for the server type. Two equal
/// configurations share connections and cache entries; a saved change makes a new one, and the old connections are
/// closed as they come back.
/// </summary>
public sealed record LdapConfiguration
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    public required bool Ldaps { get; init; }

    public required bool StartTls { get; init; }

    public required string? CaFile { get; init; }

    public required LdapServerType ServerType { get; init; }

    public required string BindDn { get; init; }

    /// <summary>Never logged or shown (<see cref="ToString"/> leaves it out).</summary>
    public required string BindPassword { get; init; }

    public required string BaseDn { get; init; }

    public required string GroupBaseDn { get; init; }

    public required string PeopleFilter { get; init; }

    public required string GroupFilter { get; init; }

    public required string EmailAttribute { get; init; }

    public required string UsernameAttribute { get; init; }

    public string? UpnAttribute { get; init; }

    public required string DisplayNameAttribute { get; init; }

    public required string ManagerAttribute { get; init; }

    public required string MemberAttribute { get; init; }

    public string? DepartmentAttribute { get; init; }

    public string? CostCenterAttribute { get; init; }

    public string? CompanyAttribute { get; init; }

    public string? EmployeeIdAttribute { get; init; }

    public string? TitleAttribute { get; init; }

    public required string DisabledAttribute { get; init; }

    /// <summary>The computer accounts' object classes, comma-joined (a string keeps the record's equality by value).</summary>
    public required string ComputerObjectClasses { get; init; }

    public required TimeSpan Timeout { get; init; }

    public required int PageSize { get; init; }

    public required int MaxConnections { get; init; }

    public required TimeSpan CacheLifetime { get; init; }

    /// <summary>Plain OpenLDAP has no computer class: cosine's device is the nearest (create and delete, no disable).</summary>
    private static readonly string[] OpenLdapComputerClasses = ["top", "device"];

    public bool IsActiveDirectory => ServerType == LdapServerType.ActiveDirectory;

    /// <summary><see cref="ComputerObjectClasses"/> as a list, most general first.</summary>
    public IReadOnlyList<string> ComputerClasses => ComputerAccount.ParseClasses(ComputerObjectClasses) ?? ComputerAccount.ActiveDirectoryClasses;

    /// <summary>Matches the computer accounts: their last (most specific) object class.</summary>
    public string ComputerFilter => LdapFilter.Equal("objectClass", ComputerClasses[^1]);

    public string Address => $"{(Ldaps ? "ldaps" : "ldap")}://{Host}:{Port}";

    /// <summary>Every attribute a person lookup reads.</summary>
    public string[] PersonAttributes =>
    [
        .. new[]
        {
            EmailAttribute, UsernameAttribute, UpnAttribute, DisplayNameAttribute, "cn", ManagerAttribute, DepartmentAttribute,
            CostCenterAttribute, CompanyAttribute, EmployeeIdAttribute, TitleAttribute, DisabledAttribute,
        }.OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase),
    ];

    /// <summary>
    /// The configuration in <paramref name="settings"/>, or the reason there is none yet (the server, the service
    /// account or the base DN is missing), in words for the settings page and the health check.
    /// </summary>
    public static LdapConfiguration? From(SettingsSnapshot settings, out string? missing)
    {
        var url = settings.Get(LdapSettings.Url);
        var bindDn = settings.Get(LdapSettings.BindDn);
        var password = settings.Get(LdapSettings.BindPassword);
        var baseDn = settings.Get(LdapSettings.BaseDn);
        missing = url is null ? "the server URL"
            : bindDn.Length == 0 ? "the service account"
            : string.IsNullOrEmpty(password) ? "the service account password"
            : baseDn.Length == 0 ? "the base DN"
            : null;
        if (missing is not null)
            return null;

        var type = settings.Get(LdapSettings.ServerType);
        var ad = type == LdapServerType.ActiveDirectory;
        string? Attribute(SettingDefinition<string> definition, string? activeDirectory, string? openLdap)
        {
            var value = settings.Get(definition);
            return value switch
            {
                "" => ad ? activeDirectory : openLdap,
                "none" => null,
                _ => value,
            };
        }

        var groupBase = settings.Get(LdapSettings.GroupBaseDn);
        var peopleFilter = settings.Get(LdapSettings.PeopleFilter);
        var groupFilter = settings.Get(LdapSettings.GroupFilter);
        return new LdapConfiguration
        {
            Host = url!.Host,
            Port = url.Port,
            Ldaps = url.Scheme == "ldaps",
            StartTls = url.Scheme == "ldap" && settings.Get(LdapSettings.StartTls),
            CaFile = settings.Get(LdapSettings.CaFile) is { Length: > 0 } ca ? ca : null,
            ServerType = type,
            BindDn = bindDn,
            BindPassword = password!,
            BaseDn = baseDn,
            GroupBaseDn = groupBase.Length > 0 ? groupBase : baseDn,
            PeopleFilter = peopleFilter.Length > 0 ? peopleFilter : ad ? "(&(objectCategory=person)(objectClass=user))" : "(objectClass=inetOrgPerson)",
            GroupFilter = groupFilter.Length > 0 ? groupFilter : ad ? "(objectClass=group)" : "(|(objectClass=groupOfNames)(objectClass=groupOfUniqueNames))",
            EmailAttribute = Attribute(LdapSettings.EmailAttribute, "mail", "mail") ?? "mail",
            UsernameAttribute = Attribute(LdapSettings.UsernameAttribute, "sAMAccountName", "uid") ?? (ad ? "sAMAccountName" : "uid"),
            UpnAttribute = Attribute(LdapSettings.UpnAttribute, "userPrincipalName", null),
            DisplayNameAttribute = Attribute(LdapSettings.DisplayNameAttribute, "displayName", "displayName") ?? "cn",
            ManagerAttribute = Attribute(LdapSettings.ManagerAttribute, "manager", "manager") ?? "manager",
            MemberAttribute = Attribute(LdapSettings.MemberAttribute, "member", "member") ?? "member",
            DepartmentAttribute = Attribute(LdapSettings.DepartmentAttribute, "department", "ou"),
            CostCenterAttribute = Attribute(LdapSettings.CostCenterAttribute, null, "departmentNumber"),
            CompanyAttribute = Attribute(LdapSettings.CompanyAttribute, "company", "o"),
            EmployeeIdAttribute = Attribute(LdapSettings.EmployeeIdAttribute, "employeeID", "employeeNumber"),
            TitleAttribute = Attribute(LdapSettings.TitleAttribute, "title", "title"),
            DisabledAttribute = Attribute(LdapSettings.DisabledAttribute, "userAccountControl", "pwdAccountLockedTime") ?? (ad ? "userAccountControl" : "pwdAccountLockedTime"),
            ComputerObjectClasses = string.Join(',', ComputerAccount.ParseClasses(settings.Get(LdapSettings.ComputerObjectClasses))
                ?? (ad ? ComputerAccount.ActiveDirectoryClasses : OpenLdapComputerClasses)),
            Timeout = TimeSpan.FromSeconds(settings.Get(LdapSettings.TimeoutSeconds)),
            PageSize = settings.Get(LdapSettings.PageSize),
            MaxConnections = settings.Get(LdapSettings.MaxConnections),
            CacheLifetime = TimeSpan.FromSeconds(settings.Get(LdapSettings.CacheSeconds)),
        };
    }

    public override string ToString() => $"{Address} as {BindDn} (base {BaseDn})";
}
