using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Portal;

/// <summary>
/// Portal sign-in against an LDAP directory: the person is found with the service account and their password is
/// checked by binding as them (<see cref="IDirectoryAuthentication"/>); nothing typed becomes a DN or a filter
/// unescaped. Failures count towards the same lockout policy as admin and local sign-ins, per person (keyed by their
/// email once the directory knows them, so spelling the login differently does not earn more attempts; in memory
/// per node, as for unknown admin names). Every outcome is audited. A directory that cannot be reached answers 503
/// with a message, never a 500 and never "wrong password".
/// </summary>
public sealed partial class PortalDirectorySignIn(
    IDbContextFactory<IpSolisDbContext> contexts,
    IDirectoryAuthentication directory,
    PortalSessions sessions,
    AccessPolicy access,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<PortalDirectorySignIn> logger)
{
    public const string LdapMethod = "ldap";

    private readonly UnknownAccountLockouts _lockouts = new();

    public async Task<PortalSignInOutcome> SignInAsync(string attempted, string? password, string? address, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var policy = await access.PasswordsAsync(cancellationToken);
        var anonymous = AuditActor.Anonymous(address);
        var loginKey = "login:" + attempted;
        if (_lockouts.LockedUntil(loginKey, policy, time.GetUtcNow()) is { } lockedUntil)
            return await FailedAsync(anonymous, attempted, "locked", null, StatusCodes.Status423Locked, lockedUntil, cancellationToken);

        DirectoryAuthentication result;
        try
        {
            result = await directory.AuthenticateAsync(attempted, password, cancellationToken);
        }
        catch (DirectoryUnavailableException ex)
        {
            LogUnavailable(logger, ex.Message);
            return await FailedAsync(anonymous, attempted, "directory_unavailable", null, StatusCodes.Status503ServiceUnavailable, null, cancellationToken);
        }

        var now = time.GetUtcNow();
        var personKey = result.Person is { } known ? "person:" + known.Email : loginKey;
        if (_lockouts.LockedUntil(personKey, policy, now) is { } personLockedUntil)
            return await FailedAsync(anonymous, attempted, "locked", result.Person?.Email, StatusCodes.Status423Locked, personLockedUntil, cancellationToken);

        if (result.Result != DirectoryAuthenticationResult.Authenticated || result.Person is not { } person)
        {
            var lockedNow = _lockouts.Fail(personKey, policy, now);
            if (personKey != loginKey)
                _lockouts.Fail(loginKey, policy, now);
            return lockedNow is { } until
                ? await FailedAsync(anonymous, attempted, result.Reason, result.Person?.Email, StatusCodes.Status423Locked, until, cancellationToken, lockedNow: true)
                : await FailedAsync(anonymous, attempted, result.Reason, result.Person?.Email, StatusCodes.Status401Unauthorized, null, cancellationToken);
        }

        _lockouts.Forget(personKey);
        _lockouts.Forget(loginKey);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (_, secret) = sessions.Start(db, new PortalUser(person.Email, person.DisplayName), LdapMethod, context, address);
        audit.Record(db, AuditActor.PortalUser(person.Email, address), new AuditEvent("portal.signed_in", "directory_person", person.Email,
            NewValues: new { method = LdapMethod }));
        await db.SaveChangesAsync(cancellationToken);
        PortalSessions.WriteCookie(context, secret);
        return new PortalSignInOutcome(StatusCodes.Status200OK);
    }

    private async Task<PortalSignInOutcome> FailedAsync(
        AuditActor actor, string login, string? reason, string? email, int status, DateTimeOffset? lockedUntil, CancellationToken cancellationToken, bool lockedNow = false)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (lockedNow)
        {
            audit.Record(db, actor, new AuditEvent("portal.locked_out", "directory_person", email,
                NewValues: new { login = Truncated(login), method = LdapMethod, unlocksAt = lockedUntil }));
        }

        // The reason is for the audit log only; the visitor reads the same message for every refusal.
        audit.Record(db, actor, new AuditEvent("portal.sign_in_failed", "directory_person", email,
            NewValues: new { login = Truncated(login), method = LdapMethod, reason }));
        await db.SaveChangesAsync(cancellationToken);
        return new PortalSignInOutcome(status, LockedUntil: lockedUntil);
    }

    private static string Truncated(string login) => login.Length > 128 ? login[..128] : login;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Portal sign-in could not reach the directory: {Problem}")]
    private static partial void LogUnavailable(ILogger logger, string problem);
}
