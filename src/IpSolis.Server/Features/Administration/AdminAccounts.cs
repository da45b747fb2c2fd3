using System.Data;
using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Administration;

/// <summary>
/// Administrator accounts: create, change role and active flag, reset passwords, delete, asset-type grants,
/// sessions, and one's own password. Every change is audited in the same save; changes that take authority away
/// end the account's sessions in that save too.
/// </summary>
public sealed class AdminAccounts(
    IDbContextFactory<IpSolisDbContext> contexts,
    PasswordHashing hashing,
    AdminSessions sessions,
    IAuditTrail audit,
    TimeProvider time,
    AccessPolicy access)
{
    public const int MaximumGrants = 500;

    public static readonly DomainError NotFound = new("admin_user.not_found", "No such administrator.");

    public async Task<IReadOnlyList<AdminUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AdminUser>().AsNoTracking().OrderBy(u => u.Username).ToListAsync(cancellationToken);
    }

    public async Task<AdminUser?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AdminUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
    }

    public async Task<Result<AdminUser>> CreateAsync(AuditActor actor, string? username, string? password, AdminRole role, CancellationToken cancellationToken)
    {
        var name = AdminUsername.Normalize(username);
        if (!name.Succeeded)
            return Result<AdminUser>.Failure([.. name.Errors]);
        if ((await access.PasswordsAsync(cancellationToken)).Check(password) is { } problem)
            return problem;

        var hash = await hashing.HashAsync(password!, cancellationToken);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = new AdminUser
        {
            Username = name.Value,
            PasswordHash = hash,
            Role = role,
            CreatedAt = now,
            UpdatedAt = now,
            PasswordSetAt = now,
            CreatedBy = actor.Id,
        };
        db.Add(user);
        audit.Record(db, actor, new AuditEvent("admin_user.created", "admin_user",
            NewValues: new { user.Username, role = AdminRoles.Name(role), isActive = true }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return new DomainError("admin_user.username_taken", $"The username '{user.Username}' is already taken.", "username");
        }

        return Result<AdminUser>.Success(user);
    }

    /// <summary>Changes role and/or active flag. Demotion or deactivation ends the account's sessions at once.</summary>
    public async Task<Result<AdminUser>> UpdateAsync(AdminIdentity by, AuditActor actor, long id, AdminRole? newRole, bool? newActive, CancellationToken cancellationToken)
    {
        return await InSerializedChangeAsync(async db =>
        {
            var user = await db.Set<AdminUser>().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
                return NotFound;
            var role = newRole ?? user.Role;
            var active = newActive ?? user.IsActive;
            if (role == user.Role && active == user.IsActive)
                return Result<AdminUser>.Success(user);
            var superadmins = await ActiveSuperadminsAsync(db, cancellationToken);
            if (AdminAccountRules.CheckChange(by.LegacyAuthority ? null : by.UserId, user.ToAccount(), role, active, superadmins) is { } problem)
                return problem;

            var old = new { role = AdminRoles.Name(user.Role), isActive = user.IsActive };
            var reason = !active ? "deactivated" : "role_changed";
            user.Role = role;
            user.IsActive = active;
            user.UpdatedAt = time.GetUtcNow();
            if (!active && newActive == true)
                user.LockedAt = null;
            // Any role change ends sessions: a session carries the role it was opened with.
            var ended = await sessions.EndForUserAsync(db, user.Id, reason, keep: null, cancellationToken);
            audit.Record(db, actor, new AuditEvent("admin_user.updated", "admin_user", Id(user.Id), old,
                new { role = AdminRoles.Name(role), isActive = active, sessionsEnded = ended }));
            return Result<AdminUser>.Success(user);
        }, cancellationToken);
    }

    public async Task<Result<AdminUser>> ResetPasswordAsync(AuditActor actor, long id, string? newPassword, CancellationToken cancellationToken)
    {
        if ((await access.PasswordsAsync(cancellationToken)).Check(newPassword) is { } problem)
            return problem;
        var hash = await hashing.HashAsync(newPassword!, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<AdminUser>().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
            return NotFound;
        var now = time.GetUtcNow();
        user.PasswordHash = hash;
        user.PasswordSetAt = now;
        user.UpdatedAt = now;
        user.FailedSignInCount = 0;
        user.LockedAt = null;
        var ended = await sessions.EndForUserAsync(db, user.Id, "password_reset", keep: null, cancellationToken);
        audit.Record(db, actor, new AuditEvent("admin_user.password_reset", "admin_user", Id(user.Id),
            NewValues: new { password = AuditValues.Masked, sessionsEnded = ended }));
        await db.SaveChangesAsync(cancellationToken);
        return Result<AdminUser>.Success(user);
    }

    public async Task<Result<AdminUser>> DeleteAsync(AdminIdentity by, AuditActor actor, long id, CancellationToken cancellationToken)
    {
        return await InSerializedChangeAsync(async db =>
        {
            var user = await db.Set<AdminUser>().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
            if (user is null)
                return NotFound;
            var superadmins = await ActiveSuperadminsAsync(db, cancellationToken);
            if (AdminAccountRules.CheckDelete(by.LegacyAuthority ? null : by.UserId, user.ToAccount(), superadmins) is { } problem)
                return problem;
            db.Remove(user);
            audit.Record(db, actor, new AuditEvent("admin_user.deleted", "admin_user", Id(user.Id),
                new { user.Username, role = AdminRoles.Name(user.Role), isActive = user.IsActive }));
            return Result<AdminUser>.Success(user);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<long>> GrantsAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<AdminUserGrant>().AsNoTracking().Where(g => g.AdminUserId == id).OrderBy(g => g.AssetTypeId)
            .Select(g => g.AssetTypeId).ToListAsync(cancellationToken);
    }

    /// <summary>Replaces the account's grants wholesale; an empty list means "all asset types".</summary>
    public async Task<Result<IReadOnlyList<long>>> SetGrantsAsync(AuditActor actor, long id, IEnumerable<long> assetTypeIds, CancellationToken cancellationToken)
    {
        var wanted = assetTypeIds.Distinct().Order().ToList();
        if (wanted.Any(i => i <= 0) || wanted.Count > MaximumGrants)
            return new DomainError("admin_user.grants", $"Grants are up to {MaximumGrants} positive asset type ids.", "assetTypeIds");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Set<AdminUser>().AnyAsync(u => u.Id == id, cancellationToken))
            return NotFound;
        var current = await db.Set<AdminUserGrant>().Where(g => g.AdminUserId == id).ToListAsync(cancellationToken);
        var old = current.Select(g => g.AssetTypeId).Order().ToList();
        if (old.SequenceEqual(wanted))
            return Result<IReadOnlyList<long>>.Success(wanted);
        db.RemoveRange(current.Where(g => !wanted.Contains(g.AssetTypeId)));
        var now = time.GetUtcNow();
        foreach (var assetTypeId in wanted.Except(old))
            db.Add(new AdminUserGrant { AdminUserId = id, AssetTypeId = assetTypeId, CreatedAt = now, CreatedBy = actor.Id });
        audit.Record(db, actor, new AuditEvent("admin_user.grants_updated", "admin_user", Id(id), new { assetTypeIds = old }, new { assetTypeIds = wanted }));
        await db.SaveChangesAsync(cancellationToken);
        return Result<IReadOnlyList<long>>.Success(wanted);
    }

    /// <summary>Live sessions, of one account or of all.</summary>
    public async Task<IReadOnlyList<SessionSummary>> LiveSessionsAsync(long? userId, CancellationToken cancellationToken)
    {
        var rules = await access.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow();
        var idleSince = now - rules.SessionIdle;
        var startedSince = now - rules.SessionLifetime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<AdminSession>().AsNoTracking()
            .Where(s => s.EndedAt == null && s.ExpiresAt > now && s.CreatedAt > startedSince && s.LastSeenAt > idleSince);
        if (userId is not null)
            query = query.Where(s => s.AdminUserId == userId);
        var rows = await query
            .Select(s => new SessionSummary(s.Id, s.AdminUserId, s.AdminUser == null ? AdminIdentity.LegacyKey : s.AdminUser.Username,
                s.Role, s.Method, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.ClientIp, s.UserAgent))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderByDescending(s => s.LastSeenAt)];
    }

    public async Task<Result<long>> EndSessionAsync(AuditActor actor, long sessionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.Set<AdminSession>().SingleOrDefaultAsync(s => s.Id == sessionId && s.EndedAt == null, cancellationToken);
        if (session is null)
            return new DomainError("admin_session.not_found", "No such live session.");
        session.EndedAt = time.GetUtcNow();
        session.EndReason = "ended_by_admin";
        audit.Record(db, actor, new AuditEvent("admin_session.ended", "admin_session", Id(session.Id),
            NewValues: new { adminUserId = session.AdminUserId, reason = session.EndReason }));
        await db.SaveChangesAsync(cancellationToken);
        return Result<long>.Success(session.Id);
    }

    /// <summary>Changes the caller's own password; other sessions of the account end, this one stays.</summary>
    public async Task<Result<AdminUser>> ChangeOwnPasswordAsync(AdminIdentity by, AuditActor actor, string? currentPassword, string? newPassword, string? confirmation, CancellationToken cancellationToken)
    {
        if (!by.IsAccountSession)
            return new DomainError("admin_user.no_own_password", "Only a signed-in account has a password to change (not the legacy key or a token).");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<AdminUser>().SingleOrDefaultAsync(u => u.Id == by.UserId, cancellationToken);
        if (user is null)
            return NotFound;
        if (await hashing.VerifyAsync(currentPassword ?? "", user.PasswordHash, cancellationToken) == PasswordCheck.Wrong)
            return new DomainError("password.current_wrong", "The current password is not correct.", "currentPassword");
        if (string.Equals(currentPassword, newPassword, StringComparison.Ordinal))
            return new DomainError("password.unchanged", "The new password must differ from the current one.", "newPassword");
        if ((await access.PasswordsAsync(cancellationToken)).Check(newPassword, confirmation) is { } problem)
            return problem with { Field = problem.Field == "password" ? "newPassword" : problem.Field };

        var now = time.GetUtcNow();
        user.PasswordHash = await hashing.HashAsync(newPassword!, cancellationToken);
        user.PasswordSetAt = now;
        user.UpdatedAt = now;
        var ended = await sessions.EndForUserAsync(db, user.Id, "password_changed", keep: by.SessionId, cancellationToken);
        audit.Record(db, actor, new AuditEvent("admin_user.password_changed_self", "admin_user", Id(user.Id),
            NewValues: new { password = AuditValues.Masked, otherSessionsEnded = ended }));
        await db.SaveChangesAsync(cancellationToken);
        return Result<AdminUser>.Success(user);
    }

    private static Task<int> ActiveSuperadminsAsync(IpSolisDbContext db, CancellationToken cancellationToken) =>
        db.Set<AdminUser>().CountAsync(u => u.Role == AdminRole.Superadmin && u.IsActive, cancellationToken);

    // "Not the last superadmin" is a check over several rows: two superadmins demoting each other at once must not
    // both pass. SQLite transactions are serialized by the write gate; PostgreSQL's serializable isolation aborts
    // the second, which is reported as a conflict to retry.
    private async Task<Result<AdminUser>> InSerializedChangeAsync(Func<IpSolisDbContext, Task<Result<AdminUser>>> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        var result = await change(db);
        if (!result.Succeeded)
            return result;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException || ex.GetBaseException() is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.SerializationFailure })
        {
            return new DomainError("admin_user.conflict", "Another change to administrators happened at the same time. Try again.");
        }

        return result;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
