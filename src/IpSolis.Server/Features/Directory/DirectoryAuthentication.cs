namespace IpSolis.Server.Features.Directory;

/// <summary>What checking a password against the directory found.</summary>
/// <param name="Person">The person, when <see cref="Result"/> is <see cref="DirectoryAuthenticationResult.Authenticated"/> or <see cref="DirectoryAuthenticationResult.Disabled"/>.</param>
/// <param name="Reason">For the audit log only: <c>unknown_user</c>, <c>wrong_password</c>, <c>empty_password</c>, <c>disabled</c>.</param>
public sealed record DirectoryAuthentication(DirectoryAuthenticationResult Result, DirectoryEntry? Person = null, string? Reason = null);
