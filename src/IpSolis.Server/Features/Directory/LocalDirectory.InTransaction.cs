using IpSolis.Domain;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// Group changes on the caller's unit of work (an order run's transaction): they commit or roll back with the
/// caller's own changes, and never wait for the SQLite write lock the caller already holds. Idempotent like
/// <see cref="LocalDirectoryGroups"/>: an existing group or membership, or a missing one on removal, is success.
/// </summary>
public sealed partial class LocalDirectory
{
    /// <summary>Creates the group unless it exists; the answer is its name as stored.</summary>
    public async Task<Result<string>> EnsureGroupAsync(IpSolisDbContext db, AuditActor actor, string? name, string? description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > 200 || trimmed.Any(char.IsControl))
            return new DomainError("directory_group.name_invalid", "A group name has 1–200 characters and no control characters.", "name");
        if (await FindGroupAsync(db, trimmed, cancellationToken) is { } existing)
            return existing.Name;
        var group = new DirectoryGroup
        {
            Name = trimmed,
            NormalizedName = NormalizeGroupName(trimmed),
            Description = (description ?? "").Trim() is { Length: <= 1000 } text ? text : "",
            CreatedAt = time.GetUtcNow(),
        };
        db.Add(group);
        audit.Record(db, actor, new AuditEvent("directory_group.created", "directory_group", NewValues: new { group.Name, group.Description }));
        await db.SaveChangesAsync(cancellationToken);
        return group.Name;
    }

    /// <summary>Makes the person (email or username) a direct member; false when they were one already.</summary>
    public async Task<Result<bool>> AddPersonToGroupAsync(IpSolisDbContext db, AuditActor actor, string? group, string? person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var target = await FindGroupAsync(db, group, cancellationToken);
        if (target is null)
            return GroupNotFound;
        var member = await FindPersonAsync(db, person, cancellationToken);
        if (member is null)
            return PersonNotFound;
        if (await db.Set<DirectoryMembership>().AnyAsync(m => m.GroupId == target.Id && m.PersonId == member.Id, cancellationToken))
            return false;
        db.Add(new DirectoryMembership { GroupId = target.Id, PersonId = member.Id });
        audit.Record(db, actor, new AuditEvent("directory_group.member_added", "directory_group", Id(target.Id),
            NewValues: new { group = target.Name, member = member.Email }));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Removes the person (email or username) from the direct members; false when they were not one.</summary>
    public async Task<Result<bool>> RemovePersonFromGroupAsync(IpSolisDbContext db, AuditActor actor, string? group, string? person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var target = await FindGroupAsync(db, group, cancellationToken);
        if (target is null)
            return GroupNotFound;
        var member = await FindPersonAsync(db, person, cancellationToken);
        if (member is null)
            return PersonNotFound;
        var membership = await db.Set<DirectoryMembership>().AsTracking()
            .SingleOrDefaultAsync(m => m.GroupId == target.Id && m.PersonId == member.Id, cancellationToken);
        if (membership is null)
            return false;
        db.Remove(membership);
        audit.Record(db, actor, new AuditEvent("directory_group.member_removed", "directory_group", Id(target.Id),
            OldValues: new { group = target.Name, member = member.Email }));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static Task<DirectoryPerson?> FindPersonAsync(IpSolisDbContext db, string? person, CancellationToken cancellationToken)
    {
        var key = (person ?? "").Trim().ToLowerInvariant();
        return db.Set<DirectoryPerson>().AsNoTracking().FirstOrDefaultAsync(p => p.Email == key || p.Username == key, cancellationToken);
    }
}
