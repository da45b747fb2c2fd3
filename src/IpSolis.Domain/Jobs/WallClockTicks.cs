namespace IpSolis.Domain.Jobs;

/// <summary>
/// Turns a schedule written in wall-clock time of an IANA zone ("every day at 02:30 Europe/Berlin") into instants.
/// Daylight saving makes some wall-clock times happen never and some twice; the rule is that every wall-clock tick
/// runs exactly once: a tick inside the spring-forward gap runs at the instant it maps to with the offset before the
/// change (02:30 becomes 03:30 summer time), and a tick in the repeated autumn hour runs only the first time.
/// </summary>
public static class WallClockTicks
{
    // Far enough back that a tick whose wall-clock time is before the cursor but whose instant is after it (a gap
    // tick shifted forward) is still seen. No zone moves its clock by more than a few hours at once.
    private static readonly TimeSpan LookBack = TimeSpan.FromHours(4);

    private const int MaxSteps = 10_000;

    /// <summary>The first instant strictly after <paramref name="after"/> at which the schedule ticks, or null if it
    /// never ticks again. <paramref name="nextWallClock"/> gives the next wall-clock occurrence strictly after a
    /// wall-clock time (the cron expression's own arithmetic, which knows nothing of zones).</summary>
    public static DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone, Func<DateTime, DateTime?> nextWallClock)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(nextWallClock);

        var cursor = DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(after, zone).DateTime - LookBack, DateTimeKind.Unspecified);
        for (var step = 0; step < MaxSteps; step++)
        {
            var wallClock = nextWallClock(cursor);
            if (wallClock is null)
                return null;
            var local = DateTime.SpecifyKind(wallClock.Value, DateTimeKind.Unspecified);
            var instant = Instant(local, zone);
            if (instant > after)
                return instant;
            cursor = local;
        }

        return null;
    }

    /// <summary>The one instant a wall-clock time stands for in <paramref name="zone"/>, by the rule above.</summary>
    public static DateTimeOffset Instant(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            // The first occurrence carries the larger (pre-change, summer) offset.
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, offset);
        }

        if (zone.IsInvalidTime(local))
        {
            // Use the offset in force just before the gap.
            var before = zone.GetUtcOffset(local.AddHours(-LookBack.TotalHours));
            return new DateTimeOffset(local, before);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
