using IpSolis.Domain.Jobs;

namespace IpSolis.Domain.Tests.Jobs;

public sealed class MissedTicksTests
{
    private static readonly DateTimeOffset Noon = new(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);

    // Every five minutes on the clock.
    private static DateTimeOffset? EveryFiveMinutes(DateTimeOffset after)
    {
        var floor = new DateTimeOffset(after.Year, after.Month, after.Day, after.Hour, after.Minute - (after.Minute % 5), 0, TimeSpan.Zero);
        return floor.AddMinutes(5);
    }

    [Fact]
    public void Collapse_NotYetDue_FiresNothing()
    {
        MissedTicks.Collapse(Noon.AddMinutes(5), Noon, EveryFiveMinutes).Should().Be(((DateTimeOffset?)null, (DateTimeOffset?)Noon.AddMinutes(5)));
    }

    [Fact]
    public void Collapse_ExactlyDue_FiresThatTick()
    {
        MissedTicks.Collapse(Noon, Noon, EveryFiveMinutes).Should().Be(((DateTimeOffset?)Noon, (DateTimeOffset?)Noon.AddMinutes(5)));
    }

    [Fact]
    public void Collapse_AnHourWithoutLeader_FiresOnceForTheLatestMissedTick()
    {
        var (fire, next) = MissedTicks.Collapse(Noon, Noon.AddMinutes(62), EveryFiveMinutes);

        fire.Should().Be(Noon.AddMinutes(60));
        next.Should().Be(Noon.AddMinutes(65));
    }

    [Fact]
    public void Collapse_BeyondTheWalkBound_StillSchedulesAfterNow()
    {
        var now = Noon.AddDays(30);
        var (fire, next) = MissedTicks.Collapse(Noon, now, EveryFiveMinutes, maxSteps: 10);

        fire.Should().NotBeNull();
        fire!.Value.Should().BeOnOrBefore(now);
        next.Should().Be(now.AddMinutes(5));
    }
}
