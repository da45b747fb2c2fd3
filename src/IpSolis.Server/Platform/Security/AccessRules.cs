using IpSolis.Domain.Access;

namespace IpSolis.Server.Platform.Security;

/// <summary>The access policy in effect at one moment (see <see cref="AccessPolicy"/>).</summary>
/// <param name="Passwords">Minimum length, rotation and lockout.</param>
/// <param name="SessionIdle">A console session ends after this long without a request.</param>
/// <param name="SessionLifetime">A console session ends this long after sign-in.</param>
/// <param name="TokenPurgeAfterDays">Ended API tokens are deleted this many days later; 0 keeps them.</param>
public sealed record AccessRules(PasswordPolicy Passwords, TimeSpan SessionIdle, TimeSpan SessionLifetime, int TokenPurgeAfterDays);
