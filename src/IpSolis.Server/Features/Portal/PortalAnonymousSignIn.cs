using System.Globalization;
using IpSolis.Domain.Portal;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Portal;

/// <summary>
/// The demo way into the portal: everyone who presses the button becomes one shared demo person. Only when the
/// <c>anonymous</c> method is enabled, and never in Production — checked here at sign-in time as well, so a
/// database copied from a demo cannot open a production portal.
/// </summary>
public sealed class PortalAnonymousSignIn(
    IHostEnvironment environment,
    SettingsStore settings,
    PortalSignInSettings signInSettings,
    IDbContextFactory<IpSolisDbContext> contexts,
    PortalSessions sessions,
    IAuditTrail audit,
    ClientAddress addresses)
{
    public const string Path = "/portal/auth/anonymous";

    public static readonly PortalUser DemoPerson = new("demo.user@example.invalid", "Demo User");

    /// <summary>Whether the demo sign-in is offered now.</summary>
    public async Task<bool> IsOfferedAsync(CancellationToken cancellationToken) =>
        !environment.IsProduction() && signInSettings.EffectiveMethods(await settings.CurrentAsync(cancellationToken)).Anonymous;

    /// <returns>False (and nothing happened) when the demo sign-in is not offered.</returns>
    public async Task<bool> SignInAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (!await IsOfferedAsync(cancellationToken))
            return false;
        var address = addresses.Of(context);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (session, secret) = sessions.Start(db, DemoPerson, PortalSignInMethods.AnonymousName, context, address);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, AuditActor.PortalUser(DemoPerson.Email, address), new AuditEvent("portal.signed_in", "portal_session",
            session.Id.ToString(CultureInfo.InvariantCulture), NewValues: new { method = PortalSignInMethods.AnonymousName }));
        await db.SaveChangesAsync(cancellationToken);
        PortalSessions.WriteCookie(context, secret);
        return true;
    }
}
