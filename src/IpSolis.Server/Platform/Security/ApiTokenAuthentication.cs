using System.Collections.Concurrent;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Checks bearer tokens. A token's state is read from the database at most every <see cref="CacheLifetime"/> per
/// node, which keeps the per-request cost to a hash and a dictionary lookup while a revocation (or the creator's
/// demotion) takes effect everywhere within that time; the node that revokes forgets the token at once.
/// </summary>
public sealed class ApiTokenAuthentication(IDbContextFactory<IpSolisDbContext> contexts, TimeProvider time)
{
    public const string Prefix = "ips_";
    public const int TokenLength = 47; // "ips_" + 43 URL-safe base64 characters (256 bits)

    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LastUsedInterval = TimeSpan.FromMinutes(1);
    private const int CacheCapacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.Ordinal);

    public async Task<AdminIdentity?> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length != TokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
            return null;
        var hash = SecretHashes.Of(token);
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(hash, out var entry) || now - entry.LoadedAt >= CacheLifetime)
        {
            entry = await LoadAsync(hash, now, cancellationToken);
            if (entry is null)
            {
                _cache.TryRemove(hash, out _);
                return null;
            }

            if (_cache.Count >= CacheCapacity)
                _cache.Clear();
            _cache[hash] = entry;
        }

        if (entry.ExpiresAt is { } expires && now >= expires)
            return null;

        if (entry.LastUsedAt is null || now - entry.LastUsedAt >= LastUsedInterval)
        {
            entry.LastUsedAt = now;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.Set<ApiToken>().Where(t => t.Id == entry.Identity.TokenId)
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return entry.Identity;
    }

    /// <summary>Drops a token from this node's cache (after revoking or deleting it).</summary>
    public void Forget(long tokenId)
    {
        foreach (var (hash, entry) in _cache)
        {
            if (entry.Identity.TokenId == tokenId)
                _cache.TryRemove(hash, out _);
        }
    }

    private async Task<Entry?> LoadAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Set<ApiToken>().AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Select(t => new
            {
                t.Id, t.Name, t.Role, t.Scopes, t.ExpiresAt, t.LastUsedAt, t.CreatedByLegacyKey, t.CreatedByUserId,
                CreatorRole = t.CreatedByUser == null ? (AdminRole?)null : t.CreatedByUser.Role,
                CreatorActive = t.CreatedByUser != null && t.CreatedByUser.IsActive,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
            return null;

        AdminRole role;
        if (row.CreatedByLegacyKey)
            role = row.Role;
        else if (row.CreatorRole is { } creatorRole && row.CreatorActive)
            role = AdminRoles.Lower(row.Role, creatorRole); // never more than its creator holds today
        else
            return null; // the account behind it was deactivated or deleted

        var identity = new AdminIdentity(AdminIdentity.Token, row.Name, role, row.CreatedByUserId, row.CreatedByLegacyKey,
            TokenId: row.Id, Scopes: row.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return new Entry(identity, row.ExpiresAt, now) { LastUsedAt = row.LastUsedAt };
    }

    private sealed class Entry(AdminIdentity identity, DateTimeOffset? expiresAt, DateTimeOffset loadedAt)
    {
        public AdminIdentity Identity { get; } = identity;

        public DateTimeOffset? ExpiresAt { get; } = expiresAt;

        public DateTimeOffset LoadedAt { get; } = loadedAt;

        public DateTimeOffset? LastUsedAt { get; set; }
    }
}
