using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Server-side portal sessions: starting one (the browser gets a random secret in an HttpOnly cookie of its own,
/// never the console's), checking it on every portal request (8 h idle, sliding; 12 h absolute: a working day with
/// breaks, never overnight), and ending them.
/// </summary>
public sealed class PortalSessions(IDbContextFactory<IpSolisDbContext> contexts, TimeProvider time)
{
    public const string LocalMethod = "local";

    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(8);

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    // Writing "last seen" on every request would make each page view a write; a minute of slack on an 8-hour idle
    // timeout is invisible.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Adds a new session for <paramref name="user"/> to <paramref name="db"/>; the caller saves.</summary>
    /// <returns>The session (its id is set on save) and the secret for the cookie.</returns>
    public (PortalSession Session, string Secret) Start(IpSolisDbContext db, PortalUser user, string method, HttpContext context, string? clientIp)
    {
        var now = time.GetUtcNow();
        var secret = SecretHashes.NewSecret();
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var session = new PortalSession
        {
            SecretHash = SecretHashes.Of(secret),
            Email = user.Email.ToLowerInvariant(),
            DisplayName = user.DisplayName.Length > 200 ? user.DisplayName[..200] : user.DisplayName,
            Method = method,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + Lifetime,
            ClientIp = clientIp,
            UserAgent = userAgent.Length > 256 ? userAgent[..256] : userAgent,
        };
        db.Add(session);
        return (session, secret);
    }

    public static void WriteCookie(HttpContext context, string secret) =>
        context.Response.Cookies.Append(PortalUser.CookieName, secret, CookieOptions(context));

    public static void ClearCookie(HttpContext context) =>
        context.Response.Cookies.Delete(PortalUser.CookieName, CookieOptions(context));

    /// <summary>The session id and user of a live session with <paramref name="secret"/>, or null.</summary>
    public async Task<(long SessionId, PortalUser User)?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length is < 40 or > 64)
            return null;
        var hash = SecretHashes.Of(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<PortalSession>().AsNoTracking()
            .Where(s => s.SecretHash == hash && s.EndedAt == null)
            .Select(s => new { s.Id, s.Email, s.DisplayName, s.CreatedAt, s.LastSeenAt, s.ExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;

        var now = time.GetUtcNow();
        if (now >= found.ExpiresAt || now - found.CreatedAt >= Lifetime || now - found.LastSeenAt >= IdleTimeout)
            return null;

        if (now - found.LastSeenAt >= TouchInterval)
        {
            await db.Set<PortalSession>().Where(s => s.Id == found.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return (found.Id, new PortalUser(found.Email, found.DisplayName));
    }

    /// <summary>Marks the live sessions of <paramref name="email"/> ended; the caller saves.</summary>
    /// <returns>How many sessions end.</returns>
    public async Task<int> EndForEmailAsync(IpSolisDbContext db, string email, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = email.ToLowerInvariant();
        var live = await db.Set<PortalSession>().Where(s => s.Email == key && s.EndedAt == null).ToListAsync(cancellationToken);
        foreach (var session in live)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }

        return live.Count;
    }

    private static CookieOptions CookieOptions(HttpContext context) => new()
    {
        Path = "/portal",
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
    };
}
