using System.Security.Claims;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Catalog;

/// <summary>
/// Works out which asset types the calling administrator may see and change. The superadmin and the legacy key see
/// everything; an <c>admin</c> account with rows in <c>admin_user_asset_type_grants</c> sees only those types (and so
/// does every API token it created, whatever the token's own role, so a limited admin cannot widen its reach by
/// minting a token); an admin without grants, and approvers, auditors and helpdesk accounts, read everything.
/// </summary>
public sealed class AssetTypeScopes(IDbContextFactory<IpSolisDbContext> contexts)
{
    /// <summary>The scope of <paramref name="principal"/>; nobody (an empty scope) when it is not an administrator.</summary>
    public async Task<AssetTypeScope> ForAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var identity = AdminIdentity.From(principal);
        if (identity is null)
            return Nothing;
        return await ForAsync(identity, cancellationToken);
    }

    /// <summary>The scope of an administrator identity (see <see cref="ForAsync(ClaimsPrincipal, CancellationToken)"/>).</summary>
    public async Task<AssetTypeScope> ForAsync(AdminIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (identity.LegacyAuthority || identity.Role == AdminRole.Superadmin)
            return AssetTypeScope.Everything;
        if (identity.UserId is not { } userId)
            return AssetTypeScope.Everything;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // The account's own current role decides (a token carries its creator's id): grants only ever narrow an admin.
        var accountRole = await db.Set<AdminUser>().AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => (AdminRole?)u.Role)
            .FirstOrDefaultAsync(cancellationToken);
        if (accountRole != AdminRole.Admin)
            return accountRole is null ? Nothing : AssetTypeScope.Everything;

        var granted = await db.Set<AdminUserGrant>().AsNoTracking()
            .Where(g => g.AdminUserId == userId)
            .Select(g => g.AssetTypeId)
            .ToListAsync(cancellationToken);
        return granted.Count == 0 ? AssetTypeScope.Everything : new AssetTypeScope(granted.ToHashSet());
    }

    /// <summary>No asset type at all: what an unknown or deleted account gets.</summary>
    private static readonly AssetTypeScope Nothing = new(new HashSet<long>());
}
