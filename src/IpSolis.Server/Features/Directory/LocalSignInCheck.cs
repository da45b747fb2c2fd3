namespace IpSolis.Server.Features.Directory;

/// <summary>The outcome of <see cref="LocalCredentials.CheckAsync"/>.</summary>
/// <param name="Login">The login as matched (trimmed, lower case), for the audit log.</param>
/// <param name="Person">The person signed in (only when <see cref="Result"/> is <see cref="LocalSignInResult.SignedIn"/>) or the one whose login was tried.</param>
/// <param name="Reason">Why it failed, for the audit log: <c>unknown_user</c>, <c>no_password</c>, <c>wrong_password</c>, <c>inactive</c>, <c>locked</c>.</param>
/// <param name="LockedUntil">When the login unlocks, if it is locked now.</param>
/// <param name="LockedNow">This failure locked it.</param>
public sealed record LocalSignInCheck(
    LocalSignInResult Result,
    string Login,
    DirectoryEntry? Person,
    long? PersonId = null,
    string? Reason = null,
    DateTimeOffset? LockedUntil = null,
    bool LockedNow = false);
