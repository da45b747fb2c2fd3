using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Server-side console sessions: starting one (the browser gets a random secret in an HttpOnly cookie), checking
/// it on every request (idle and absolute timeouts, account still active with the same role), and ending them.
/// </summary>
public sealed class AdminSessions(
    IDbContextFactory<IpSolisDbContext> contexts,
    TimeProvider time,
    AccessPolicy access,
    IOptionsMonitor<SecurityOptions> security)
{
    /// <summary>The console's cookie; the portal has its own, so signing out of one never signs out of the other.</summary>
    public const string CookieName = "ipsolis.admin";

    public const string PasswordMethod = "password";
    public const string LegacyKeyMethod = "legacy_key";

    // Writing "last seen" on every request would make each page view a write; a minute of slack on a 30-minute
    // idle timeout is invisible.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>Adds a new session for <paramref name="user"/> (null: the legacy key) to <paramref name="db"/>; the caller saves.</summary>
    /// <returns>The secret for the cookie.</returns>
    public async Task<string> StartAsync(IpSolisDbContext db, AdminUser? user, string method, HttpContext context, string? clientIp)
    {
        var rules = await access.CurrentAsync(context.RequestAborted);
        var now = time.GetUtcNow();
        var secret = SecretHashes.NewSecret();
        var userAgent = context.Request.Headers.UserAgent.ToString();
        db.Add(new AdminSession
        {
            SecretHash = SecretHashes.Of(secret),
            AdminUser = user,
            Role = user?.Role ?? AdminRole.Superadmin,
            Method = method,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + rules.SessionLifetime,
            ClientIp = clientIp,
            UserAgent = userAgent.Length > 256 ? userAgent[..256] : userAgent,
        });
        return secret;
    }

    public static void WriteCookie(HttpContext context, string secret) =>
        context.Response.Cookies.Append(CookieName, secret, CookieOptions(context));

    public static void ClearCookie(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, CookieOptions(context));

    /// <summary>The identity of a live session with <paramref name="secret"/>, or null.</summary>
    public async Task<AdminIdentity?> AuthenticateAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length is < 40 or > 64)
            return null;
        var hash = SecretHashes.Of(secret);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Set<AdminSession>().AsNoTracking()
            .Where(s => s.SecretHash == hash && s.EndedAt == null)
            .Select(s => new { s.Id, s.Role, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.AdminUserId, User = s.AdminUser })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;

        var rules = await access.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow();
        // The lifetime is checked against the current setting as well as the stored expiry, so shortening it
        // applies to sessions that are already open.
        if (now >= found.ExpiresAt || now - found.CreatedAt >= rules.SessionLifetime || now - found.LastSeenAt >= rules.SessionIdle)
            return null;
        if (found.User is { } user && (!user.IsActive || user.Role != found.Role))
            return null;
        if (found.AdminUserId is null && string.IsNullOrEmpty(security.CurrentValue.AdminApiKey))
            return null; // the legacy key was turned off since

        if (now - found.LastSeenAt >= TouchInterval)
        {
            await db.Set<AdminSession>().Where(s => s.Id == found.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), cancellationToken);
        }

        return found.User is { } account
            ? new AdminIdentity(AdminIdentity.Session, account.Username, found.Role, account.Id, LegacyAuthority: false, SessionId: found.Id)
            : new AdminIdentity(AdminIdentity.Session, AdminIdentity.LegacyKey, AdminRole.Superadmin, null, LegacyAuthority: true, SessionId: found.Id);
    }

    /// <summary>Marks the live sessions of <paramref name="userId"/> ended (except <paramref name="keep"/>); the caller saves.</summary>
    /// <returns>How many sessions end.</returns>
    public async Task<int> EndForUserAsync(IpSolisDbContext db, long userId, string reason, long? keep, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var live = await db.Set<AdminSession>().Where(s => s.AdminUserId == userId && s.EndedAt == null && s.Id != keep).ToListAsync(cancellationToken);
        foreach (var session in live)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }

        return live.Count;
    }

    private static CookieOptions CookieOptions(HttpContext context) => new()
    {
        Path = "/",
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
    };
}
