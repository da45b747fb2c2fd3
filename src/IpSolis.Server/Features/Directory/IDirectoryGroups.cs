using IpSolis.Domain;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// What runbook steps and administrators change in the directory in use: creating or deleting a group and adding
/// or removing a person. Idempotent: adding a member who is already one, removing one who is not, creating a group
/// that exists or deleting one that does not succeeds, because a retried job must not fail on its own earlier success. A directory that cannot answer
/// throws <see cref="DirectoryUnavailableException"/> (a job retries it); a refusal is a typed error.
/// </summary>
public interface IDirectoryGroups
{
    /// <summary>Creates <paramref name="name"/> (a group name, or a full DN on LDAP) unless it exists; the answer is the group's name or DN.</summary>
    Task<Result<string>> CreateGroupAsync(AuditActor actor, string name, string? description, CancellationToken cancellationToken);

    /// <summary>Makes the person with this email a direct member of <paramref name="group"/>.</summary>
    Task<Result<bool>> AddMemberAsync(AuditActor actor, string group, string email, CancellationToken cancellationToken);

    /// <summary>Removes the person with this email from <paramref name="group"/>'s direct members.</summary>
    Task<Result<bool>> RemoveMemberAsync(AuditActor actor, string group, string email, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes <paramref name="group"/> (a DN on LDAP, a name locally); true when it existed. An entry at that DN that
    /// is not a group is refused, never deleted.
    /// </summary>
    Task<Result<bool>> DeleteGroupAsync(AuditActor actor, string group, CancellationToken cancellationToken);
}
