using IpSolis.Server.Features.Directory;

namespace IpSolis.Server.Tests.Portal;

/// <summary>The local directory, except that membership questions about <see cref="Group"/> fail as an unreachable
/// LDAP server's would.</summary>
public sealed class UnreachableGroupDirectory(IPersonDirectory inner) : IPersonDirectory
{
    public const string Group = "ldap-only-group";

    public Task<DirectoryEntry?> FindPersonAsync(string emailOrUsername, CancellationToken cancellationToken) =>
        inner.FindPersonAsync(emailOrUsername, cancellationToken);

    public Task<bool> IsMemberAsync(string email, string group, CancellationToken cancellationToken) =>
        string.Equals(group, Group, StringComparison.OrdinalIgnoreCase)
            ? throw new DirectoryUnavailableException("ldap://directory.example.com: connection refused")
            : inner.IsMemberAsync(email, group, cancellationToken);

    public Task<DirectoryEntry?> FindManagerAsync(string email, CancellationToken cancellationToken) =>
        inner.FindManagerAsync(email, cancellationToken);

    public Task<IReadOnlyList<DirectoryEntry>> DirectReportsAsync(string email, CancellationToken cancellationToken) =>
        inner.DirectReportsAsync(email, cancellationToken);
}
