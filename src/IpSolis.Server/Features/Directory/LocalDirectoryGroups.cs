using IpSolis.Domain;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// <see cref="IDirectoryGroups"/> over the local directory: the same changes as the Directory pages make, made
/// idempotent for runbook steps (an existing group or membership is success, not a conflict).
/// </summary>
public sealed class LocalDirectoryGroups(LocalDirectory directory) : IDirectoryGroups
{
    public async Task<Result<string>> CreateGroupAsync(AuditActor actor, string name, string? description, CancellationToken cancellationToken)
    {
        var created = await directory.AddGroupAsync(actor, name, description, cancellationToken);
        if (created.Succeeded)
            return created.Value.Name;
        return created.Errors.Any(e => e.Code == "directory_group.name_taken") ? (name ?? "").Trim() : Result<string>.Failure([.. created.Errors]);
    }

    public async Task<Result<bool>> AddMemberAsync(AuditActor actor, string group, string email, CancellationToken cancellationToken)
    {
        var added = await directory.AddPersonToGroupAsync(actor, group, email, cancellationToken);
        if (added.Succeeded)
            return true;
        return added.Errors.Any(e => e.Code == "directory_membership.conflict") ? false : Result<bool>.Failure([.. added.Errors]);
    }

    public Task<Result<bool>> RemoveMemberAsync(AuditActor actor, string group, string email, CancellationToken cancellationToken) =>
        directory.RemoveMemberAsync(actor, group, email, isGroup: false, cancellationToken);

    public Task<Result<bool>> DeleteGroupAsync(AuditActor actor, string group, CancellationToken cancellationToken) =>
        directory.DeleteGroupAsync(actor, group, cancellationToken);
}
