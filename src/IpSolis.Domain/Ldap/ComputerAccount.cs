namespace IpSolis.Domain.Ldap;

/// <summary>
/// The rules for a computer account a runbook step creates, disables or deletes: what a valid computer name is, the
/// entry's DN (built with <see cref="DistinguishedName"/>, so a name never adds an RDN), the Active Directory
/// <c>sAMAccountName</c> and the <c>userAccountControl</c> flags.
/// </summary>
public static class ComputerAccount
{
    /// <summary>A Windows computer (NetBIOS) name has at most 15 characters; <c>sAMAccountName</c> is that plus <c>$</c>.</summary>
    public const int MaxNameLength = 15;

    /// <summary><c>ACCOUNTDISABLE</c>: the account cannot sign in.</summary>
    public const long AccountDisable = 0x2;

    /// <summary><c>WORKSTATION_TRUST_ACCOUNT</c>: a member workstation or server's account.</summary>
    public const long WorkstationTrustAccount = 0x1000;

    /// <summary>The object classes Active Directory gives a computer (<c>computer</c> derives from <c>user</c>).</summary>
    public static readonly IReadOnlyList<string> ActiveDirectoryClasses = ["top", "person", "organizationalPerson", "user", "computer"];

    public static readonly DomainError NameInvalid = new("directory_computer.name_invalid",
        $"A computer name has 1–{MaxNameLength} characters: letters, digits and hyphens, not starting or ending with a hyphen and not only digits.", "Name");

    public static readonly DomainError OuInvalid = new("directory_computer.ou_invalid", "OuDn must be the DN of an OU, like ou=computers,dc=example,dc=com.", "OuDn");

    public static readonly DomainError DnInvalid = new("directory_computer.dn_invalid", "Dn must be the DN of a computer account, like cn=PC-0001,ou=computers,dc=example,dc=com.", "Dn");

    public static readonly DomainError TargetAmbiguous = new("directory_computer.target_ambiguous",
        "Give either Dn, or Name and OuDn, not both.", "Dn");

    public static readonly DomainError TargetMissing = new("directory_computer.target_missing",
        "Give the computer account's Dn, or its Name and OuDn.", "Dn");

    /// <summary>Null when <paramref name="name"/> is a usable computer name (checked before anything is built from it).</summary>
    public static DomainError? CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name[0] == '-' || name[^1] == '-')
            return NameInvalid;
        if (!name.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-'))
            return NameInvalid;
        return name.All(char.IsAsciiDigit) ? NameInvalid : null;
    }

    /// <summary>Null when <paramref name="ouDn"/> reads as a DN.</summary>
    public static DomainError? CheckOu(string? ouDn) =>
        ouDn is { Length: > 0 and <= 1000 } && DistinguishedName.LooksLikeDn(ouDn) ? null : OuInvalid;

    /// <summary><c>cn=NAME,OU</c> for a name that passed <see cref="CheckName"/>; the value is escaped all the same.</summary>
    public static string Dn(string name, string ouDn) => DistinguishedName.Child("cn", name, ouDn);

    /// <summary>
    /// The account a disable or delete step means: its <paramref name="dn"/> as given, or the one <paramref name="name"/>
    /// names in <paramref name="ouDn"/>. Exactly one of the two forms.
    /// </summary>
    public static Result<string> Target(string? dn, string? name, string? ouDn)
    {
        dn = dn?.Trim();
        name = name?.Trim();
        ouDn = ouDn?.Trim();
        var byDn = !string.IsNullOrEmpty(dn);
        var byName = !string.IsNullOrEmpty(name) || !string.IsNullOrEmpty(ouDn);
        if (byDn && byName)
            return TargetAmbiguous;
        if (byDn)
            return dn!.Length <= 1000 && DistinguishedName.LooksLikeDn(dn) ? dn : DnInvalid;
        if (!byName)
            return TargetMissing;
        var error = CheckName(name) ?? CheckOu(ouDn);
        return error is null ? Dn(name!, ouDn!) : error;
    }

    /// <summary>The <c>sAMAccountName</c> of a computer: its name and a trailing <c>$</c>.</summary>
    public static string AccountName(string name) => name + "$";

    /// <summary>The flags a new account starts with: a workstation trust account, disabled unless asked otherwise.</summary>
    public static long InitialControl(bool disabled) => WorkstationTrustAccount | (disabled ? AccountDisable : 0);

    /// <summary><paramref name="flags"/> with ACCOUNTDISABLE set and every other bit kept.</summary>
    public static long Disable(long flags) => flags | AccountDisable;

    public static bool IsDisabled(long flags) => (flags & AccountDisable) != 0;

    /// <summary>
    /// A comma-separated object class list (settings), trimmed, without empties or duplicates; null when a name is not
    /// an LDAP descriptor or the list is empty.
    /// </summary>
    public static IReadOnlyList<string>? ParseClasses(string? text)
    {
        var classes = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return classes.Count > 0 && classes.All(c => LdapFilter.IsAttributeName(c) && !c.Contains(';', StringComparison.Ordinal)) ? classes : null;
    }

    /// <summary>Whether entries of these classes carry the Active Directory account attributes (the list has <c>computer</c>).</summary>
    public static bool HasAccountAttributes(IEnumerable<string> classes) => classes.Contains("computer", StringComparer.OrdinalIgnoreCase);
}
