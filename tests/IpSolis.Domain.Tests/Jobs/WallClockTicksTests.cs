using IpSolis.Domain.Jobs;

namespace IpSolis.Domain.Tests.Jobs;

public sealed class WallClockTicksTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // The cron arithmetic for "30 2 * * *": the next 02:30 strictly after a wall-clock time.
    private static DateTime? DailyAt0230(DateTime after)
    {
        var candidate = after.Date.AddHours(2).AddMinutes(30);
        return candidate > after ? candidate : candidate.AddDays(1);
    }

    private static List<DateTimeOffset> TicksBetween(DateTimeOffset from, DateTimeOffset to, Func<DateTime, DateTime?> schedule, TimeZoneInfo zone)
    {
        var ticks = new List<DateTimeOffset>();
        var cursor = from;
        while (WallClockTicks.Next(cursor, zone, schedule) is { } tick && tick <= to)
        {
            ticks.Add(tick);
            cursor = tick;
        }

        return ticks;
    }

    [Fact]
    public void Next_SpringForwardDay_RunsOnceAtTheShiftedInstant()
    {
        // 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST; 02:30 does not exist.
        var ticks = TicksBetween(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.Zero), DailyAt0230, Berlin);

        ticks.Should().Equal(
            new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(1)),   // 01:30 UTC = 03:30 CEST
            new DateTimeOffset(2026, 3, 30, 2, 30, 0, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Next_FallBackDay_RunsOnlyTheFirstOfTheRepeatedTime()
    {
        // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET; 02:30 happens twice.
        var ticks = TicksBetween(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 26, 12, 0, 0, TimeSpan.Zero), DailyAt0230, Berlin);

        ticks.Should().Equal(
            new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(2)),  // 00:30 UTC, the first 02:30
            new DateTimeOffset(2026, 10, 26, 2, 30, 0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Next_FromInsideTheRepeatedHour_DoesNotRunTheSecondOccurrence()
    {
        // 00:45 UTC is 02:45 CEST, after the first 02:30 and before the second.
        var after = new DateTimeOffset(2026, 10, 25, 0, 45, 0, TimeSpan.Zero);
        WallClockTicks.Next(after, Berlin, DailyAt0230).Should().Be(new DateTimeOffset(2026, 10, 26, 2, 30, 0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Next_FromInsideTheGap_StillFindsTheShiftedTick()
    {
        // 01:10 UTC on the spring-forward day is 03:10 CEST: wall-clock past 02:30, but 02:30's instant (01:30 UTC) is later.
        var after = new DateTimeOffset(2026, 3, 29, 1, 10, 0, TimeSpan.Zero);
        WallClockTicks.Next(after, Berlin, DailyAt0230).Should().Be(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Next_OrdinaryDaysInUtc_IsTheWallClockTime()
    {
        var ticks = TicksBetween(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 4, 0, 0, 0, TimeSpan.Zero), DailyAt0230, TimeZoneInfo.Utc);
        ticks.Should().HaveCount(3).And.OnlyContain(t => t.Hour == 2 && t.Minute == 30 && t.Offset == TimeSpan.Zero);
    }

    [Fact]
    public void Next_ScheduleThatNeverTicksAgain_IsNull()
    {
        WallClockTicks.Next(DateTimeOffset.UnixEpoch, Berlin, _ => null).Should().BeNull();
    }
}
