using IpSolis.Domain;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// Computer accounts in the LDAP or Active Directory directory, for runbook steps that stage, disable and remove a
/// machine's account. Idempotent like <see cref="IDirectoryGroups"/>: creating an account that exists, disabling a
/// disabled one or deleting a missing one is success, and the answer says whether anything changed. The DN and name
/// are checked by the caller (<see cref="Domain.Ldap.ComputerAccount"/>); an entry at the DN that is not a computer
/// is refused, never changed. A directory that cannot answer throws <see cref="DirectoryUnavailableException"/>.
/// </summary>
public interface IDirectoryComputers
{
    /// <summary>Creates the account <paramref name="name"/> in <paramref name="ouDn"/> unless one of that name is there.</summary>
    Task<Result<ComputerAccountChange>> CreateComputerAsync(AuditActor actor, string name, string ouDn, string? description, bool disabled, CancellationToken cancellationToken);

    /// <summary>Disables the account at <paramref name="dn"/>; a missing account is an error (nothing to disable).</summary>
    Task<Result<ComputerAccountChange>> DisableComputerAsync(AuditActor actor, string dn, CancellationToken cancellationToken);

    /// <summary>Deletes the account at <paramref name="dn"/>; a missing one is success with <c>Changed = false</c>.</summary>
    Task<Result<ComputerAccountChange>> DeleteComputerAsync(AuditActor actor, string dn, CancellationToken cancellationToken);
}
