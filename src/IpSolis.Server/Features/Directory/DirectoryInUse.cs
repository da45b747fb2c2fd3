using IpSolis.Domain;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// The directory the <c>directory.source</c> setting selects, behind the interfaces orders, approvals, runbooks
/// and the portal use (computer accounts exist only on LDAP): the local directory, or the LDAP adapter (registered under <see cref="LdapKey"/>). A changed
/// setting takes effect within the settings cache lifetime, without a restart.
/// </summary>
public sealed class DirectoryInUse(
    SettingsStore settings,
    LocalPersonDirectory localPeople,
    LocalDirectoryGroups localGroups,
    LocalDirectoryAuthentication localAuthentication,
    [FromKeyedServices(DirectoryInUse.LdapKey)] IPersonDirectory ldapPeople,
    [FromKeyedServices(DirectoryInUse.LdapKey)] IDirectoryGroups ldapGroups,
    [FromKeyedServices(DirectoryInUse.LdapKey)] IDirectoryAuthentication ldapAuthentication,
    [FromKeyedServices(DirectoryInUse.LdapKey)] IDirectoryComputers ldapComputers)
    : IPersonDirectory, IDirectoryGroups, IDirectoryAuthentication, IDirectoryComputers
{
    /// <summary>The service key the LDAP adapter registers its implementations under.</summary>
    public const string LdapKey = "ldap";

    private static readonly DomainError NoComputerAccounts = new("directory_computer.ldap_only",
        "Computer accounts live in an LDAP or Active Directory directory; the local directory has none (Settings → Directory).");

    public async ValueTask<DirectorySource> SourceAsync(CancellationToken cancellationToken) =>
        await settings.GetAsync(DirectorySettings.Source, cancellationToken);

    public async Task<DirectoryEntry?> FindPersonAsync(string emailOrUsername, CancellationToken cancellationToken) =>
        await (await People(cancellationToken)).FindPersonAsync(emailOrUsername, cancellationToken);

    public async Task<bool> IsMemberAsync(string email, string group, CancellationToken cancellationToken) =>
        await (await People(cancellationToken)).IsMemberAsync(email, group, cancellationToken);

    public async Task<DirectoryEntry?> FindManagerAsync(string email, CancellationToken cancellationToken) =>
        await (await People(cancellationToken)).FindManagerAsync(email, cancellationToken);

    public async Task<IReadOnlyList<DirectoryEntry>> DirectReportsAsync(string email, CancellationToken cancellationToken) =>
        await (await People(cancellationToken)).DirectReportsAsync(email, cancellationToken);

    public async Task<Result<string>> CreateGroupAsync(AuditActor actor, string name, string? description, CancellationToken cancellationToken) =>
        await (await Groups(cancellationToken)).CreateGroupAsync(actor, name, description, cancellationToken);

    public async Task<Result<bool>> AddMemberAsync(AuditActor actor, string group, string email, CancellationToken cancellationToken) =>
        await (await Groups(cancellationToken)).AddMemberAsync(actor, group, email, cancellationToken);

    public async Task<Result<bool>> RemoveMemberAsync(AuditActor actor, string group, string email, CancellationToken cancellationToken) =>
        await (await Groups(cancellationToken)).RemoveMemberAsync(actor, group, email, cancellationToken);

    public async Task<Result<bool>> DeleteGroupAsync(AuditActor actor, string group, CancellationToken cancellationToken) =>
        await (await Groups(cancellationToken)).DeleteGroupAsync(actor, group, cancellationToken);

    public async Task<Result<ComputerAccountChange>> CreateComputerAsync(AuditActor actor, string name, string ouDn, string? description, bool disabled, CancellationToken cancellationToken) =>
        await SourceAsync(cancellationToken) == DirectorySource.Ldap
            ? await ldapComputers.CreateComputerAsync(actor, name, ouDn, description, disabled, cancellationToken)
            : NoComputerAccounts;

    public async Task<Result<ComputerAccountChange>> DisableComputerAsync(AuditActor actor, string dn, CancellationToken cancellationToken) =>
        await SourceAsync(cancellationToken) == DirectorySource.Ldap ? await ldapComputers.DisableComputerAsync(actor, dn, cancellationToken) : NoComputerAccounts;

    public async Task<Result<ComputerAccountChange>> DeleteComputerAsync(AuditActor actor, string dn, CancellationToken cancellationToken) =>
        await SourceAsync(cancellationToken) == DirectorySource.Ldap ? await ldapComputers.DeleteComputerAsync(actor, dn, cancellationToken) : NoComputerAccounts;

    public async Task<DirectoryAuthentication> AuthenticateAsync(string? login, string? password, CancellationToken cancellationToken) =>
        await (await SourceAsync(cancellationToken) == DirectorySource.Ldap ? ldapAuthentication : localAuthentication)
            .AuthenticateAsync(login, password, cancellationToken);

    private async ValueTask<IPersonDirectory> People(CancellationToken cancellationToken) =>
        await SourceAsync(cancellationToken) == DirectorySource.Ldap ? ldapPeople : localPeople;

    private async ValueTask<IDirectoryGroups> Groups(CancellationToken cancellationToken) =>
        await SourceAsync(cancellationToken) == DirectorySource.Ldap ? ldapGroups : localGroups;
}
