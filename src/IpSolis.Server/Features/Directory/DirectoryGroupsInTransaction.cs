using IpSolis.Domain;
using IpSolis.Server.Integrations.Ldap;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// <see cref="IDirectoryGroups"/> for callers that run inside a transaction of their own (an order run): the group
/// changes of the directory in use, with everything ip·Solis records (local memberships, audit rows) written on the
/// caller's unit of work. With the local directory the change commits or rolls back with the caller; with LDAP the
/// directory changes at once and only its audit row waits for the caller's commit. Idempotent: an existing group or
/// membership, or a missing one on removal, is success (the answer says whether anything changed).
/// </summary>
public sealed class DirectoryGroupsInTransaction(DirectoryInUse inUse, LocalDirectory local, LdapPersonDirectory ldap)
{
    /// <summary>Creates <paramref name="group"/> (a DN on LDAP, a name locally) unless it exists.</summary>
    public async Task<Result<string>> EnsureGroupAsync(IpSolisDbContext db, AuditActor actor, string group, string? description, CancellationToken cancellationToken) =>
        await inUse.SourceAsync(cancellationToken) == DirectorySource.Ldap
            ? await ldap.CreateGroupAsync(db, actor, group, description, cancellationToken)
            : await local.EnsureGroupAsync(db, actor, group, description, cancellationToken);

    /// <summary>Makes <paramref name="person"/> (email or username) a direct member; true when that changed something.</summary>
    public async Task<Result<bool>> AddMemberAsync(IpSolisDbContext db, AuditActor actor, string group, string person, CancellationToken cancellationToken) =>
        await inUse.SourceAsync(cancellationToken) == DirectorySource.Ldap
            ? await ldap.AddMemberAsync(db, actor, group, person, cancellationToken)
            : await local.AddPersonToGroupAsync(db, actor, group, person, cancellationToken);

    /// <summary>Removes <paramref name="person"/> from the direct members; true when that changed something.</summary>
    public async Task<Result<bool>> RemoveMemberAsync(IpSolisDbContext db, AuditActor actor, string group, string person, CancellationToken cancellationToken) =>
        await inUse.SourceAsync(cancellationToken) == DirectorySource.Ldap
            ? await ldap.RemoveMemberAsync(db, actor, group, person, cancellationToken)
            : await local.RemovePersonFromGroupAsync(db, actor, group, person, cancellationToken);
}
