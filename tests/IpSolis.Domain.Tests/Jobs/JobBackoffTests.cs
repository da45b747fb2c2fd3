using IpSolis.Domain.Jobs;

namespace IpSolis.Domain.Tests.Jobs;

public sealed class JobBackoffTests
{
    private static readonly JobBackoff Backoff = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), Jitter: 0.2);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(5, 160)]
    public void DelayAfter_WithoutJitterOffset_DoublesPerAttempt(int attempt, int seconds)
    {
        // 0.5 is the middle of the jitter range: no spread.
        Backoff.DelayAfter(attempt, 0.5).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void DelayAfter_ManyAttempts_IsCappedAtMax()
    {
        Backoff.DelayAfter(40, 0.5).Should().Be(TimeSpan.FromMinutes(5));
        Backoff.DelayAfter(int.MaxValue, 0.5).Should().Be(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void DelayAfter_Jitter_StaysWithinItsFraction()
    {
        Backoff.DelayAfter(3, 0).Should().Be(TimeSpan.FromSeconds(32));
        Backoff.DelayAfter(3, 0.999999).Should().BeCloseTo(TimeSpan.FromSeconds(48), TimeSpan.FromMilliseconds(1));
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
            Backoff.DelayAfter(2, random.NextDouble()).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(16)).And.BeLessThan(TimeSpan.FromSeconds(24));
    }

    [Fact]
    public void RetryAt_LastAttempt_IsDead()
    {
        var failedAt = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        Backoff.RetryAt(2, 3, failedAt, 0.5).Should().Be(failedAt.AddSeconds(20));
        Backoff.RetryAt(3, 3, failedAt, 0.5).Should().BeNull();
        Backoff.RetryAt(4, 3, failedAt, 0.5).Should().BeNull();
    }
}
