namespace IpSolis.Domain.Jobs;

/// <summary>
/// What a leader does with ticks that came due while nobody led (all nodes down, a failover): it runs the schedule
/// once for the latest of them, not once per missed tick, and moves on to the first tick after now.
/// </summary>
public static class MissedTicks
{
    /// <summary>The latest tick that is due at <paramref name="now"/> (null if <paramref name="nextDue"/> is still in
    /// the future) and the first tick after <paramref name="now"/> (null if the schedule never ticks again).</summary>
    /// <param name="nextDue">The tick the schedule was waiting for.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="next">The schedule: the first tick strictly after an instant.</param>
    /// <param name="maxSteps">Bound on how many missed ticks are walked over (a per-second schedule after a long outage).</param>
    public static (DateTimeOffset? Fire, DateTimeOffset? Next) Collapse(
        DateTimeOffset nextDue, DateTimeOffset now, Func<DateTimeOffset, DateTimeOffset?> next, int maxSteps = 100_000)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (nextDue > now)
            return (null, nextDue);

        var fire = nextDue;
        var following = next(fire);
        for (var step = 0; step < maxSteps && following is { } f && f <= now; step++)
        {
            fire = f;
            following = next(fire);
        }

        // Walked the bound without reaching now: skip the rest by asking for the first tick after now directly.
        if (following is { } g && g <= now)
            following = next(now);
        return (fire, following);
    }
}
