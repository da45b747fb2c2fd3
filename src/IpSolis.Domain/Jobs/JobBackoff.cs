namespace IpSolis.Domain.Jobs;

/// <summary>
/// How long a failed job waits before its next attempt: <see cref="Base"/> doubled per attempt, capped at
/// <see cref="Max"/>, then spread by up to ±<see cref="Jitter"/> of itself so that jobs failing together (a directory
/// outage) do not all come back at the same instant.
/// </summary>
/// <param name="Base">The wait after the first failed attempt.</param>
/// <param name="Max">The longest wait, however many attempts failed.</param>
/// <param name="Jitter">Fraction (0 to 1) of the wait that is randomized.</param>
public sealed record JobBackoff(TimeSpan Base, TimeSpan Max, double Jitter = 0.2)
{
    public static readonly JobBackoff Default = new(TimeSpan.FromSeconds(15), TimeSpan.FromHours(1));

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based). <paramref name="unitRandom"/> is a
    /// number in [0, 1) from the caller, so the rule stays deterministic under test.</summary>
    public TimeSpan DelayAfter(int attempt, double unitRandom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(unitRandom, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(unitRandom, 1);

        // 2^(attempt-1) overflows quickly; beyond 2^30 every base is past any sane cap anyway.
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var plain = Math.Min(Base.TotalMilliseconds * factor, Max.TotalMilliseconds);
        var spread = plain * Math.Clamp(Jitter, 0, 1) * ((unitRandom * 2) - 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, plain + spread));
    }

    /// <summary>What happens after failed attempt <paramref name="attempt"/> of <paramref name="maxAttempts"/>: the
    /// instant of the retry, or null when that was the last attempt and the job is dead.</summary>
    public DateTimeOffset? RetryAt(int attempt, int maxAttempts, DateTimeOffset failedAt, double unitRandom) =>
        attempt >= maxAttempts ? null : failedAt + DelayAfter(attempt, unitRandom);
}
