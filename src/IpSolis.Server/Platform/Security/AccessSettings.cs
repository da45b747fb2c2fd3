using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// The Security tab of <c>/ui/settings</c>: password, lockout, session and token purge policy. The defaults are the
/// installation's <c>Access:*</c> configuration, so configuration still decides what a fresh installation does and
/// a superadmin overrides it at run time. Built once from the bound <see cref="AccessOptions"/>, which is why these
/// are instance members rather than static fields like <see cref="GeneralSettings"/>.
/// </summary>
public sealed class AccessSettings
{
    public const string Group = "security";

    public AccessSettings(AccessOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        PasswordMinimumLength = SettingDefinitions.Integer(
            "security.password_min_length", defaults.PasswordMinimumLength, PasswordPolicy.AbsoluteMinimumLength, 128,
            "Password minimum length",
            $"Shortest password an administrator may set ({PasswordPolicy.AbsoluteMinimumLength} to 128). Existing passwords are not affected until they change.",
            Group);
        PasswordRotationDays = SettingDefinitions.Integer(
            "security.password_rotation_days", defaults.PasswordRotationDays, 0, 3650,
            "Password rotation (days)",
            "Days after which an administrator is asked to choose a new password; 0 turns rotation off.",
            Group);
        LockoutThreshold = SettingDefinitions.Integer(
            "security.lockout_threshold", defaults.LockoutThreshold, 0, 100,
            "Lockout threshold",
            "Consecutive failed sign-ins that lock an account (1 to 100; 0 turns lockout off, which only the sign-in rate limits then slow down). Unknown usernames lock the same way.",
            Group);
        LockoutMinutes = SettingDefinitions.Integer(
            "security.lockout_minutes", defaults.LockoutMinutes, 1, 1440,
            "Lockout duration (minutes)",
            "How long a locked account stays locked (1 to 1440).",
            Group);
        SessionIdleMinutes = SettingDefinitions.Integer(
            "security.session_idle_minutes", defaults.SessionIdleMinutes, 5, 1440,
            "Session idle timeout (minutes)",
            "A console session ends after this long without a request (5 to 1440). Applies to open sessions too.",
            Group);
        SessionAbsoluteHours = SettingDefinitions.Integer(
            "security.session_absolute_hours", defaults.SessionAbsoluteHours, 1, 168,
            "Session absolute timeout (hours)",
            "A console session ends this long after sign-in, activity or not (1 to 168). A shorter value applies to open sessions too.",
            Group);
        TokenPurgeAfterDays = SettingDefinitions.Integer(
            "security.token_purge_after_days", defaults.TokenPurgeAfterDays, 0, 3650,
            "Purge ended API tokens after (days)",
            "Revoked or expired API tokens are deleted this many days after they ended; 0 keeps them.",
            Group);
        All = [.. Members.Select(member => member(this))];
    }

    /// <summary>
    /// Each setting of an instance. The settings catalog needs every definition as a service before
    /// the options are bound, so registration goes through these (see <see cref="AccessServices"/>).
    /// </summary>
    public static IReadOnlyList<Func<AccessSettings, ISettingDefinition>> Members { get; } =
    [
        s => s.PasswordMinimumLength,
        s => s.PasswordRotationDays,
        s => s.LockoutThreshold,
        s => s.LockoutMinutes,
        s => s.SessionIdleMinutes,
        s => s.SessionAbsoluteHours,
        s => s.TokenPurgeAfterDays,
    ];

    public SettingDefinition<int> PasswordMinimumLength { get; }

    public SettingDefinition<int> PasswordRotationDays { get; }

    public SettingDefinition<int> LockoutThreshold { get; }

    public SettingDefinition<int> LockoutMinutes { get; }

    public SettingDefinition<int> SessionIdleMinutes { get; }

    public SettingDefinition<int> SessionAbsoluteHours { get; }

    public SettingDefinition<int> TokenPurgeAfterDays { get; }

    public IReadOnlyList<ISettingDefinition> All { get; }
}
