using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Directory;

/// <summary>
/// <see cref="IDirectoryAuthentication"/> over local passwords, with the local lockout (<see cref="LocalCredentials"/>
/// counts failures on the person). The portal signs in through <see cref="LocalCredentials"/> directly, so its
/// audit rows share the unit of work; this is for other callers that only need the answer.
/// </summary>
public sealed class LocalDirectoryAuthentication(IDbContextFactory<IpSolisDbContext> contexts, LocalCredentials credentials) : IDirectoryAuthentication
{
    public async Task<DirectoryAuthentication> AuthenticateAsync(string? login, string? password, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var check = await credentials.CheckAsync(db, login, password, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return check.Result switch
        {
            LocalSignInResult.SignedIn => new DirectoryAuthentication(DirectoryAuthenticationResult.Authenticated, check.Person),
            LocalSignInResult.Inactive => new DirectoryAuthentication(DirectoryAuthenticationResult.Disabled, check.Person, "inactive"),
            _ => new DirectoryAuthentication(DirectoryAuthenticationResult.Wrong, Reason: check.Reason),
        };
    }
}
