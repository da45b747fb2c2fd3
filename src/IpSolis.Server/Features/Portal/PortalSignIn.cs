using System.Globalization;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Portal;

/// <summary>
/// Signing employees in to the portal with their local-directory email (or username) and password, and out again;
/// with an LDAP directory in use, <see cref="PortalDirectorySignIn"/> checks the password against the directory.
/// Rate-limited with the console's sign-in throttle (per address and per login), locked out like admin accounts,
/// and audited; every failure reads the same to the visitor whatever the reason.
/// </summary>
public sealed class PortalSignIn(
    IDbContextFactory<IpSolisDbContext> contexts,
    LocalCredentials credentials,
    DirectoryInUse directory,
    PortalDirectorySignIn directorySignIn,
    PortalSessions sessions,
    SignInThrottle throttle,
    IAuditTrail audit,
    ClientAddress addresses,
    TimeProvider time)
{
    public async Task<PortalSignInOutcome> SignInAsync(string? login, string? password, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var address = addresses.Of(context);
        var attempted = (login ?? "").Trim().ToLowerInvariant();
        // Prefixed so that a portal login and an admin username of the same spelling have separate budgets.
        if (throttle.Enter(address, "portal:" + attempted) is { } wait)
            return new PortalSignInOutcome(StatusCodes.Status429TooManyRequests, RetryAfter: wait);

        // With an LDAP directory in use, the password is the person's directory password (bind as them).
        if (await directory.SourceAsync(cancellationToken) == DirectorySource.Ldap)
            return await directorySignIn.SignInAsync(attempted, password, address, context);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var check = await credentials.CheckAsync(db, attempted, password, cancellationToken);
        if (check.Result != LocalSignInResult.SignedIn || check.Person is not { } person)
        {
            if (check.LockedNow)
            {
                audit.Record(db, AuditActor.Anonymous(address), new AuditEvent("portal.locked_out", "directory_person", Id(check.PersonId),
                    NewValues: new { login = Truncated(check.Login), unlocksAt = check.LockedUntil }));
            }

            // The reason is for the audit log only.
            audit.Record(db, AuditActor.Anonymous(address), new AuditEvent("portal.sign_in_failed", "directory_person", Id(check.PersonId),
                NewValues: new { login = Truncated(check.Login), reason = check.Reason }));
            await db.SaveChangesAsync(cancellationToken);
            return check.Result == LocalSignInResult.Locked
                ? new PortalSignInOutcome(StatusCodes.Status423Locked, LockedUntil: check.LockedUntil)
                : new PortalSignInOutcome(StatusCodes.Status401Unauthorized);
        }

        var user = new PortalUser(person.Email, person.DisplayName);
        var (_, secret) = sessions.Start(db, user, PortalSessions.LocalMethod, context, address);
        audit.Record(db, AuditActor.PortalUser(person.Email, address), new AuditEvent("portal.signed_in", "directory_person", Id(check.PersonId),
            NewValues: new { method = PortalSessions.LocalMethod }));
        await db.SaveChangesAsync(cancellationToken);
        PortalSessions.WriteCookie(context, secret);
        return new PortalSignInOutcome(StatusCodes.Status200OK);
    }

    /// <summary>Ends the caller's portal session (if any) and removes the cookie.</summary>
    public async Task SignOutAsync(HttpContext context)
    {
        PortalSessions.ClearCookie(context);
        if (PortalAuthenticationHandler.SessionIdOf(context.User) is not { } sessionId || PortalUser.From(context.User) is not { } user)
            return;
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        var session = await db.Set<PortalSession>().SingleOrDefaultAsync(s => s.Id == sessionId && s.EndedAt == null, context.RequestAborted);
        if (session is null)
            return;
        session.EndedAt = time.GetUtcNow();
        session.EndReason = "signed_out";
        audit.Record(db, AuditActor.PortalUser(user.Email, addresses.Of(context)), new AuditEvent("portal.signed_out", "portal_session", Id(sessionId)));
        await db.SaveChangesAsync(context.RequestAborted);
    }

    private static string Truncated(string login) => login.Length > 128 ? login[..128] : login;

    private static string? Id(long? id) => id?.ToString(CultureInfo.InvariantCulture);
}
