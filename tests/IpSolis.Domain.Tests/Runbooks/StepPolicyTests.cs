using IpSolis.Domain.Runbooks;

namespace IpSolis.Domain.Tests.Runbooks;

public sealed class StepPolicyTests
{
    private static StepPolicy Policy(int retries = 3, int backoffSeconds = 5, int timeoutSeconds = 120) =>
        new(true, retries, TimeSpan.FromSeconds(backoffSeconds), TimeSpan.FromSeconds(timeoutSeconds), false);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    public void RetryAfter_DoublesThePause(int attempt, int seconds)
    {
        Policy().RetryAfter(attempt).Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public void RetryAfter_LastAttempt_GivesUp()
    {
        Policy(retries: 3).RetryAfter(4).Should().BeNull();
        Policy(retries: 0).RetryAfter(1).Should().BeNull();
    }

    [Fact]
    public void RetryAfter_IsCapped()
    {
        Policy(retries: 20, backoffSeconds: 600).RetryAfter(15).Should().Be(StepPolicy.MaxBackoff);
    }

    [Fact]
    public void RetryAfter_AttemptBelowOne_Throws()
    {
        var act = () => Policy().RetryAfter(0);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void OnInterrupted_WithAttemptsLeft_RunsAgain()
    {
        var decision = Policy(retries: 1).OnInterrupted(1, "Create VM");
        decision.RunAgain.Should().BeTrue();
        decision.Error.Should().BeNull();
    }

    [Fact]
    public void OnInterrupted_WithoutRetries_FailsWithClearMessage()
    {
        var decision = Policy(retries: 0).OnInterrupted(1, "Create VM");
        decision.RunAgain.Should().BeFalse();
        decision.Error.Should().Contain("Create VM").And.Contain("interrupted").And.Contain("Check its effect");
    }

    [Fact]
    public void OnInterrupted_AfterLastAttempt_Fails()
    {
        Policy(retries: 2).OnInterrupted(3, "x").RunAgain.Should().BeFalse();
    }

    [Fact]
    public void Check_Default_IsValid()
    {
        StepPolicy.Default.Check().Should().BeEmpty();
        StepPolicy.Default.MaxAttempts.Should().Be(4);
    }

    [Theory]
    [InlineData(-1, 5, 120, "retries")]
    [InlineData(21, 5, 120, "retries")]
    [InlineData(0, -1, 120, "backoffSeconds")]
    [InlineData(0, 1801, 120, "backoffSeconds")]
    [InlineData(0, 5, 0, "timeoutSeconds")]
    [InlineData(0, 5, 86401, "timeoutSeconds")]
    public void Check_OutOfRange_NamesTheField(int retries, int backoff, int timeout, string field)
    {
        Policy(retries, backoff, timeout).Check().Should().ContainSingle().Which.Field.Should().Be(field);
    }
}
