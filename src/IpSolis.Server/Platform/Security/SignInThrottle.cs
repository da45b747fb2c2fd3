using System.Threading.RateLimiting;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// Limits sign-in attempts per client address and per username (per node), so guessing is slow from one address
/// and against one account from many.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SignInThrottle(int perAddressPerMinute, int perUsernamePerMinute)
    {
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = k.StartsWith("address:", StringComparison.Ordinal) ? perAddressPerMinute : perUsernamePerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? Enter(string? clientAddress, string username)
    {
        foreach (var key in new[] { "address:" + (clientAddress ?? "unknown"), "username:" + username.Trim().ToLowerInvariant() })
        {
            using var lease = _limiter.AttemptAcquire(key);
            if (!lease.IsAcquired)
                return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        }

        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
