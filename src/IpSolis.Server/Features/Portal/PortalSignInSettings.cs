using IpSolis.Domain.Portal;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Portal;

/// <summary>
/// The runtime settings of portal sign-in (group <c>portal</c>): which methods are enabled, and whether a person who
/// signs in through a provider must also exist (and be in a group) in the directory. The default of the methods is
/// the installation's <c>Portal:SignInMethods</c>; <c>anonymous</c> cannot be saved in Production. Instance members,
/// like <see cref="Platform.Security.AccessSettings"/>, because the check depends on the environment.
/// </summary>
public sealed class PortalSignInSettings
{
    public const string Group = "portal";

    public PortalSignInSettings(PortalOptions defaults, bool production)
    {
        IsProduction = production;
        var fallback = PortalSignInMethods.Parse(defaults.SignInMethods, production);
        var defaultMethods = fallback.Succeeded ? fallback.Value : PortalSignInMethods.Default;
        Methods = new SettingDefinition<PortalSignInMethods>(
            "portal.sign_in_methods", defaultMethods,
            // A value stored before (say, on a demo copy of the database) is still read; anonymous is then refused
            // at sign-in time in Production.
            text => PortalSignInMethods.Parse(text, production: false) is { Succeeded: true } stored ? stored.Value : throw new FormatException(),
            text => PortalSignInMethods.Parse(text, production) is { Succeeded: true } parsed
                ? SettingInput.Valid(parsed.Value.ToString())
                : SettingInput.Invalid(PortalSignInMethods.Parse(text, production).Errors[0].Message),
            "Sign-in methods",
            "Comma separated: local (local directory password), ldap (directory password), oidc (the providers below), anonymous (demos only; refused in Production).",
            Group, defaultText: defaultMethods.ToString());
        RequireDirectoryPerson = SettingDefinitions.Boolean(
            "portal.require_directory_person", false, "Require a directory entry",
            "People signing in through a provider must also exist, active, in the directory (looked up by email).", Group);
        RequiredGroup = SettingDefinitions.Text(
            "portal.required_group", "", "Required directory group",
            "When set, people signing in through a provider must be members of this directory group (nested groups count). Blank: no group needed.",
            Group, maxLength: 256);
        All = [Methods, RequireDirectoryPerson, RequiredGroup];
    }

    public static IReadOnlyList<Func<PortalSignInSettings, ISettingDefinition>> Members { get; } =
    [
        s => s.Methods,
        s => s.RequireDirectoryPerson,
        s => s.RequiredGroup,
    ];

    public bool IsProduction { get; }

    public SettingDefinition<PortalSignInMethods> Methods { get; }

    public SettingDefinition<bool> RequireDirectoryPerson { get; }

    public SettingDefinition<string> RequiredGroup { get; }

    public IReadOnlyList<ISettingDefinition> All { get; }

    /// <summary>The methods in effect: what is stored, with <c>anonymous</c> struck in Production whatever was stored.</summary>
    public PortalSignInMethods EffectiveMethods(SettingsSnapshot snapshot)
    {
        var methods = snapshot.Get(Methods);
        return IsProduction && methods.Anonymous ? methods with { Anonymous = false } : methods;
    }
}
