using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Administration;

/// <summary>
/// Creating, listing, revoking, deleting and purging API tokens. The mint guard applies to every creator: the new
/// token's role is at most the creator's (a role-less request gets exactly the creator's), and a token that
/// creates tokens can only hand on scopes it holds.
/// </summary>
public sealed class ApiTokens(
    IDbContextFactory<IpSolisDbContext> contexts,
    ApiTokenAuthentication authentication,
    IAuditTrail audit,
    TimeProvider time)
{
    public const int DefaultExpiryDays = 365;

    public static readonly DomainError NotFound = new("api_token.not_found", "No such API token.");

    public async Task<Result<CreatedApiToken>> CreateAsync(AdminIdentity by, AuditActor actor, string? name, IEnumerable<string>? scopes, string? role, int? expiresInDays, CancellationToken cancellationToken)
    {
        if (ApiTokenMinting.CheckName(name) is { } nameProblem)
            return nameProblem;
        var days = expiresInDays ?? DefaultExpiryDays;
        if (ApiTokenMinting.CheckExpiry(days) is { } expiryProblem)
            return expiryProblem;
        var scopeList = ApiTokenScopes.Normalize(scopes);
        if (!scopeList.Succeeded)
            return Result<CreatedApiToken>.Failure([.. scopeList.Errors]);
        AdminRole? requestedRole = null;
        if (!string.IsNullOrWhiteSpace(role))
        {
            if (!AdminRoles.TryParse(role, out var parsed))
                return new DomainError("api_token.role", $"'{role}' is not a role (superadmin, admin, approver, auditor, helpdesk).", "role");
            requestedRole = parsed;
        }

        var tokenRole = ApiTokenMinting.TokenRole(by.Role, requestedRole);
        if (!tokenRole.Succeeded)
            return Result<CreatedApiToken>.Failure([.. tokenRole.Errors]);
        if (by.Via == AdminIdentity.Token && !(by.Scopes ?? []).Contains(ApiTokenScopes.All)
            && scopeList.Value.Any(s => !(by.Scopes ?? []).Contains(s)))
            return new DomainError("api_token.scope_above_creator", "A token can only create tokens with scopes it holds itself.", "scopes");
        if (!by.LegacyAuthority && by.UserId is null)
            return new DomainError("api_token.no_creator", "Tokens are created by an administrator account or the legacy key.");

        var secret = ApiTokenAuthentication.Prefix + SecretHashes.NewSecret();
        var now = time.GetUtcNow();
        var token = new ApiToken
        {
            Name = name!.Trim(),
            TokenHash = SecretHashes.Of(secret),
            TokenPrefix = secret[..8],
            Scopes = string.Join(' ', scopeList.Value),
            Role = tokenRole.Value,
            CreatedBy = actor.Id,
            CreatedByUserId = by.LegacyAuthority ? null : by.UserId,
            CreatedByLegacyKey = by.LegacyAuthority,
            CreatedAt = now,
            ExpiresAt = now.AddDays(days),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(token);
        audit.Record(db, actor, new AuditEvent("api_token.created", "api_token", NewValues: new
        {
            token.Name, prefix = token.TokenPrefix, scopes = scopeList.Value, role = AdminRoles.Name(token.Role), token.ExpiresAt,
        }));
        await db.SaveChangesAsync(cancellationToken);
        return Result<CreatedApiToken>.Success(new CreatedApiToken(token, secret));
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = await db.Set<ApiToken>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)];
    }

    public async Task<Result<ApiToken>> RevokeAsync(AuditActor actor, long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.Set<ApiToken>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
            return NotFound;
        if (token.RevokedAt is not null)
            return Result<ApiToken>.Success(token);
        token.RevokedAt = time.GetUtcNow();
        token.RevokedBy = actor.Id;
        audit.Record(db, actor, new AuditEvent("api_token.revoked", "api_token", Id(token.Id), new { status = "active" }, new { status = "revoked", token.Name, prefix = token.TokenPrefix }));
        await db.SaveChangesAsync(cancellationToken);
        authentication.Forget(token.Id);
        return Result<ApiToken>.Success(token);
    }

    /// <summary>Removes a revoked or expired token for good (superadmin).</summary>
    public async Task<Result<ApiToken>> DeleteAsync(AuditActor actor, long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.Set<ApiToken>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
            return NotFound;
        var now = time.GetUtcNow();
        if (token.Status(now) == "active")
            return new DomainError("api_token.still_active", "Revoke the token before deleting it.");
        db.Remove(token);
        audit.Record(db, actor, new AuditEvent("api_token.deleted", "api_token", Id(token.Id), Describe(token, now)));
        await db.SaveChangesAsync(cancellationToken);
        authentication.Forget(token.Id);
        return Result<ApiToken>.Success(token);
    }

    /// <summary>Deletes tokens revoked or expired more than <paramref name="days"/> days ago, one audit row each.</summary>
    public async Task<int> PurgeAsync(AuditActor actor, int days, CancellationToken cancellationToken)
    {
        if (days < 1)
            return 0;
        var now = time.GetUtcNow();
        var before = now.AddDays(-days);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Set<ApiToken>().Where(t => (t.RevokedAt != null && t.RevokedAt < before) || (t.ExpiresAt != null && t.ExpiresAt < before))
            .ToListAsync(cancellationToken);
        foreach (var token in candidates)
        {
            db.Remove(token);
            audit.Record(db, actor, new AuditEvent("api_token.purged", "api_token", Id(token.Id), Describe(token, now), new { olderThanDays = days }));
        }

        if (candidates.Count == 0)
            return 0;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return 0; // another node purged the same tokens a moment earlier
        }

        return candidates.Count;
    }

    private static object Describe(ApiToken token, DateTimeOffset now) => new
    {
        token.Name, prefix = token.TokenPrefix, status = token.Status(now), token.RevokedAt, token.ExpiresAt,
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
