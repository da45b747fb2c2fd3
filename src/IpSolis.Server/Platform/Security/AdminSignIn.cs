using System.Globalization;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Signing in to the console with a username and password (or, with an empty username, the legacy key), and
/// signing out. Every attempt is audited; failures all read the same whether or not the account exists, and a
/// locked account is told when it unlocks.
/// </summary>
public sealed class AdminSignIn(
    IDbContextFactory<IpSolisDbContext> contexts,
    PasswordHashing hashing,
    AdminSessions sessions,
    SignInThrottle throttle,
    UnknownAccountLockouts unknownAccounts,
    IAuditTrail audit,
    ClientAddress addresses,
    TimeProvider time,
    AccessPolicy access,
    IOptionsMonitor<SecurityOptions> security)
{
    public async Task<SignInOutcome> SignInAsync(string? username, string? password, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var address = addresses.Of(context);
        username = (username ?? "").Trim();
        password ??= "";
        if (throttle.Enter(address, username.Length == 0 ? "(legacy key)" : username) is { } wait)
            return new SignInOutcome(StatusCodes.Status429TooManyRequests, "Too many sign-in attempts. Wait a minute and try again.", wait);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (username.Length == 0)
            return await SignInWithLegacyKeyAsync(db, password, context, address);

        var policy = await access.PasswordsAsync(cancellationToken);
        var now = time.GetUtcNow();
        var name = AdminUsername.Normalize(username);
        var user = name.Succeeded ? await db.Set<AdminUser>().SingleOrDefaultAsync(u => u.Username == name.Value, cancellationToken) : null;
        var attempted = name.Succeeded ? name.Value : username.ToLowerInvariant();

        if (user is null)
        {
            // Same cost and same answers as a real account, locks included.
            await hashing.VerifyAsync(password, hashing.Decoy, cancellationToken);
            var lockedUntil = unknownAccounts.LockedUntil(attempted, policy, now) ?? unknownAccounts.Fail(attempted, policy, now);
            await RecordFailureAsync(db, address, attempted, "unknown_user", cancellationToken);
            return lockedUntil is { } until ? Locked(until) : Wrong();
        }

        if (user.LockedAt is { } lockedAt)
        {
            if (now < policy.UnlocksAt(lockedAt))
            {
                await hashing.VerifyAsync(password, hashing.Decoy, cancellationToken);
                await RecordFailureAsync(db, address, user.Username, "locked", cancellationToken);
                return Locked(policy.UnlocksAt(lockedAt));
            }

            user.LockedAt = null;
            user.FailedSignInCount = 0;
        }

        var check = await hashing.VerifyAsync(password, user.PasswordHash, cancellationToken);
        if (check == PasswordCheck.Wrong || !user.IsActive)
        {
            DateTimeOffset? lockedNow = null;
            if (check == PasswordCheck.Wrong)
            {
                user.FailedSignInCount++;
                if (policy.Locks(user.FailedSignInCount))
                {
                    user.LockedAt = now;
                    lockedNow = policy.UnlocksAt(now);
                    audit.Record(db, AuditActor.Anonymous(address), new AuditEvent("auth.locked_out", "admin_user", Id(user),
                        NewValues: new { user.Username, failures = user.FailedSignInCount, unlocksAt = lockedNow }));
                }
            }

            await RecordFailureAsync(db, address, user.Username, check == PasswordCheck.Wrong ? "wrong_password" : "inactive", cancellationToken);
            return lockedNow is { } until ? Locked(until) : Wrong();
        }

        if (check == PasswordCheck.CorrectButOutdated)
            user.PasswordHash = await hashing.HashAsync(password, cancellationToken);
        user.FailedSignInCount = 0;
        user.LastSignInAt = now;
        var secret = await sessions.StartAsync(db, user, AdminSessions.PasswordMethod, context, address);
        audit.Record(db, AuditActor.AdminSession(user.Username, AdminRoles.Name(user.Role), address),
            new AuditEvent("auth.signed_in", "admin_user", Id(user), NewValues: new { method = AdminSessions.PasswordMethod, passwordRehashed = check == PasswordCheck.CorrectButOutdated }));
        await db.SaveChangesAsync(cancellationToken);
        AdminSessions.WriteCookie(context, secret);
        return new SignInOutcome(StatusCodes.Status200OK, RotationDue: policy.RotationDue(user.PasswordSetAt, now));
    }

    /// <summary>Ends the caller's session (if any) and removes the cookie.</summary>
    public async Task SignOutAsync(HttpContext context)
    {
        var identity = AdminIdentity.From(context.User);
        AdminSessions.ClearCookie(context);
        if (identity?.SessionId is not { } sessionId)
            return;
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var session = await db.Set<AdminSession>().SingleOrDefaultAsync(s => s.Id == sessionId && s.EndedAt == null, context.RequestAborted);
        if (session is null)
            return;
        session.EndedAt = time.GetUtcNow();
        session.EndReason = "signed_out";
        audit.Record(db, identity.Actor(addresses.Of(context)), new AuditEvent("auth.signed_out", "admin_session", Id(session.Id)));
        await db.SaveChangesAsync(context.RequestAborted);
    }

    private async Task<SignInOutcome> SignInWithLegacyKeyAsync(IpSolisDbContext db, string password, HttpContext context, string? address)
    {
        var key = security.CurrentValue.AdminApiKey;
        if (string.IsNullOrEmpty(key) || !SecretHashes.FixedTimeEquals(password, key))
        {
            await RecordFailureAsync(db, address, "", "legacy_key", context.RequestAborted);
            return Wrong();
        }

        var secret = await sessions.StartAsync(db, null, AdminSessions.LegacyKeyMethod, context, address);
        audit.Record(db, AuditActor.LegacyKey(address), new AuditEvent("auth.signed_in", "admin_session", NewValues: new { method = AdminSessions.LegacyKeyMethod }));
        await db.SaveChangesAsync(context.RequestAborted);
        AdminSessions.WriteCookie(context, secret);
        return new SignInOutcome(StatusCodes.Status200OK);
    }

    private async Task RecordFailureAsync(IpSolisDbContext db, string? address, string username, string reason, CancellationToken cancellationToken)
    {
        // The reason is for the audit log only; the person at the form sees the same message in every case.
        audit.Record(db, AuditActor.Anonymous(address), new AuditEvent("auth.sign_in_failed", "admin_user",
            NewValues: new { username = username.Length > 128 ? username[..128] : username, reason }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static SignInOutcome Wrong() => new(StatusCodes.Status401Unauthorized, SignInOutcome.WrongCredentials);

    private static SignInOutcome Locked(DateTimeOffset until) => new(StatusCodes.Status423Locked,
        string.Create(CultureInfo.InvariantCulture, $"This account is locked after too many failed sign-ins. Try again after {until:yyyy-MM-dd HH:mm} UTC."));

    private static string Id(AdminUser user) => user.Id.ToString(CultureInfo.InvariantCulture);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
