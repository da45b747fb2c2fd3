namespace IpSolis.Server.Features.Directory;

/// <summary>
/// Checks a person's own password against the directory in use (an LDAP bind as them, or the local password).
/// Throttling, lockout and audit are the caller's (portal sign-in); this only answers whether the password is the
/// person's. A directory that cannot answer throws <see cref="DirectoryUnavailableException"/>.
/// </summary>
public interface IDirectoryAuthentication
{
    Task<DirectoryAuthentication> AuthenticateAsync(string? login, string? password, CancellationToken cancellationToken);
}
