using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Directory;

/// <summary>The Directory tab of the settings: which directory is in use. The LDAP connection settings sit beside it.</summary>
public static class DirectorySettings
{
    public const string Group = "directory";

    public static readonly SettingDefinition<DirectorySource> Source = new(
        "directory.source", DirectorySource.Local,
        text => text switch
        {
            "ldap" => DirectorySource.Ldap,
            "local" => DirectorySource.Local,
            _ => throw new FormatException($"Unknown directory source {text}."),
        },
        text => text.Trim().ToLowerInvariant() switch
        {
            "ldap" => SettingInput.Valid("ldap"),
            "local" => SettingInput.Valid("local"),
            _ => SettingInput.Invalid("Directory in use must be 'local' or 'ldap'."),
        },
        "Directory in use",
        "local: people and groups managed in ip·Solis (Directory pages). ldap: an LDAP server or Active Directory, "
        + "configured below; portal passwords are then checked by binding as the person.",
        Group, defaultText: "local");
}
