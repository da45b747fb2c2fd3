namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Session lifetimes, password and lockout policy, token purge and rate limits (section <c>Access</c>). The policy
/// values are only the installation's defaults: the Security settings (<see cref="AccessSettings"/>) override them
/// at run time, and <see cref="AccessPolicy"/> gives the values in effect. The rate limits are read from here alone,
/// when the limiters are built.
/// </summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    public int SessionIdleMinutes { get; set; } = 30;

    public int SessionAbsoluteHours { get; set; } = 8;

    public int PasswordMinimumLength { get; set; } = 12;

    public int PasswordRotationDays { get; set; }

    public int LockoutThreshold { get; set; } = 10;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts per client address per minute.</summary>
    public int SignInPerAddressPerMinute { get; set; } = 30;

    /// <summary>Sign-in attempts per username per minute (slows guessing one account from many addresses).</summary>
    public int SignInPerUsernamePerMinute { get; set; } = 10;

    /// <summary>API requests per token (or per address without one) per second, sustained.</summary>
    public int ApiRequestsPerSecond { get; set; } = 50;

    /// <summary>API requests a token may send in a burst above the sustained rate.</summary>
    public int ApiBurst { get; set; } = 200;

    /// <summary>Days after which revoked or expired tokens are deleted by the daily purge; 0 keeps them.</summary>
    public int TokenPurgeAfterDays { get; set; }
}
