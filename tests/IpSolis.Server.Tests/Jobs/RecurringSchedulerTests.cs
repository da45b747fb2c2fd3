using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>The leader's firing of recurring jobs, walked through days with a fake clock.</summary>
public sealed class RecurringSchedulerTests
{
    private static Dictionary<string, string?> Berlin0230 => new()
    {
        ["Jobs:Schedules:nightly-berlin:Cron"] = "30 2 * * *",
        ["Jobs:Schedules:nightly-berlin:TimeZone"] = "Europe/Berlin",
        ["Jobs:Schedules:nightly-berlin:Kind"] = NoopJob.Kind,
    };

    private static async Task<List<Job>> FiredAsync(JobsHost host, string schedule)
    {
        await using var db = await host.DbAsync();
        return await db.Set<Job>().AsNoTracking().Where(j => j.ScheduleName == schedule).OrderBy(j => j.Id).ToListAsync();
    }

    /// <summary>Moves the clock in steps, letting the leader fire at each, like its loop does.</summary>
    private static async Task WalkAsync(FakeTime time, RecurringScheduler scheduler, DateTimeOffset until, TimeSpan step)
    {
        while (time.GetUtcNow() < until)
        {
            time.Advance(step);
            await scheduler.FireDueAsync(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("2026-03-28T12:00:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z")] // spring forward: 02:30 does not exist
    [InlineData("2026-10-24T12:00:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z")] // fall back: 02:30 happens twice
    public async Task Schedule0230Berlin_OnDstChangeDays_RunsExactlyOncePerDay(string from, string firstTick, string secondTick)
    {
        var time = new FakeTime(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture));
        await using var host = await JobsHost.StartAsync(time, Berlin0230);
        var scheduler = host.Services.GetRequiredService<RecurringScheduler>();
        await scheduler.SyncSchedulesAsync(CancellationToken.None);

        await WalkAsync(time, scheduler, time.GetUtcNow().AddHours(48), TimeSpan.FromMinutes(10));

        var fired = await FiredAsync(host, "nightly-berlin");
        fired.Select(j => j.UniqueKey).Should().Equal(
            $"schedule:nightly-berlin:{firstTick}",
            $"schedule:nightly-berlin:{secondTick}");
    }

    [Fact]
    public async Task TicksMissedWhileNobodyLed_FireOnce()
    {
        var start = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTime(start);
        await using var host = await JobsHost.StartAsync(time, new Dictionary<string, string?>
        {
            ["Jobs:Schedules:every-5-min:Cron"] = "*/5 * * * *",
            ["Jobs:Schedules:every-5-min:Kind"] = NoopJob.Kind,
        });
        var scheduler = host.Services.GetRequiredService<RecurringScheduler>();
        await scheduler.SyncSchedulesAsync(CancellationToken.None);

        // Three hours without a leader, then one comes back.
        time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(2));
        // The built-in hourly schedules (database.optimize, ...) missed their ticks too: each due schedule fires once.
        int due;
        await using (var before = await host.DbAsync())
        {
            var now = time.GetUtcNow();
            due = (await before.Set<RecurringSchedule>().AsNoTracking().ToListAsync()).Count(s => s.NextTickAt <= now);
        }

        due.Should().BeGreaterThan(0);
        (await scheduler.FireDueAsync(CancellationToken.None)).Should().Be(due);
        (await scheduler.FireDueAsync(CancellationToken.None)).Should().Be(0);

        var fired = await FiredAsync(host, "every-5-min");
        fired.Should().ContainSingle().Which.UniqueKey.Should().Be("schedule:every-5-min:2026-06-01T15:00:00Z");
        await using var db = await host.DbAsync();
        var schedule = await db.Set<RecurringSchedule>().SingleAsync(s => s.Name == "every-5-min");
        schedule.NextTickAt.Should().Be(start.AddHours(3).AddMinutes(5));
    }

    [Fact]
    public async Task TwoLeadersFiringTheSameTick_FireItOnce()
    {
        var time = new FakeTime(new DateTimeOffset(2026, 6, 1, 11, 59, 0, TimeSpan.Zero));
        await using var host = await JobsHost.StartAsync(time, new Dictionary<string, string?>
        {
            ["Jobs:Schedules:hourly:Cron"] = "0 * * * *",
            ["Jobs:Schedules:hourly:Kind"] = NoopJob.Kind,
        });
        var scheduler = host.Services.GetRequiredService<RecurringScheduler>();
        await scheduler.SyncSchedulesAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));

        // A stale leader and a new one race for the same due tick.
        var stale = ActivatorUtilities.CreateInstance<RecurringScheduler>(host.Services);
        var fired = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => (i % 2 == 0 ? scheduler : stale).FireDueAsync(CancellationToken.None))));

        fired.Sum().Should().Be(1);
        (await FiredAsync(host, "hourly")).Should().ContainSingle();
    }
}
