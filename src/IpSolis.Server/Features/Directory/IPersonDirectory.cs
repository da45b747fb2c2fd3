namespace IpSolis.Server.Features.Directory;

/// <summary>
/// What ordering and approving need from the company directory. The local directory implements it today; the
/// LDAP/Active Directory adapter plugs in behind the same interface. A directory that cannot answer throws
/// <see cref="DirectoryUnavailableException"/>: callers fail closed (refuse the order with a clear message) instead
/// of treating "unknown" as "allowed".
/// </summary>
public interface IPersonDirectory
{
    /// <summary>The person with this email or username (case-insensitive), or null.</summary>
    Task<DirectoryEntry?> FindPersonAsync(string emailOrUsername, CancellationToken cancellationToken);

    /// <summary>Whether the person is a member of <paramref name="group"/>, directly or through nested groups.</summary>
    Task<bool> IsMemberAsync(string email, string group, CancellationToken cancellationToken);

    /// <summary>The person's manager, or null when none is set.</summary>
    Task<DirectoryEntry?> FindManagerAsync(string email, CancellationToken cancellationToken);

    /// <summary>The people whose manager is <paramref name="email"/>.</summary>
    Task<IReadOnlyList<DirectoryEntry>> DirectReportsAsync(string email, CancellationToken cancellationToken);
}
