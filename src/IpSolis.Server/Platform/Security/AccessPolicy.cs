using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// The effective password, lockout, session and token purge policy: the Security settings where a superadmin set
/// them, the <c>Access:*</c> configuration otherwise. Reads the settings store's shared snapshot, so a change is in
/// effect at once on the node that saved it and within the store's cache lifetime on the others.
/// </summary>
public sealed class AccessPolicy(SettingsStore store, AccessSettings settings)
{
    public async ValueTask<AccessRules> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await store.CurrentAsync(cancellationToken);
        var passwords = new PasswordPolicy(
            snapshot.Get(settings.PasswordMinimumLength),
            snapshot.Get(settings.PasswordRotationDays),
            snapshot.Get(settings.LockoutThreshold),
            TimeSpan.FromMinutes(snapshot.Get(settings.LockoutMinutes)));
        return new AccessRules(
            passwords,
            TimeSpan.FromMinutes(snapshot.Get(settings.SessionIdleMinutes)),
            TimeSpan.FromHours(snapshot.Get(settings.SessionAbsoluteHours)),
            snapshot.Get(settings.TokenPurgeAfterDays));
    }

    public async ValueTask<PasswordPolicy> PasswordsAsync(CancellationToken cancellationToken = default) =>
        (await CurrentAsync(cancellationToken)).Passwords;
}
