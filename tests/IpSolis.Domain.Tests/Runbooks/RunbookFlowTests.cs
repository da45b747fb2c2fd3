using IpSolis.Domain.Runbooks;

namespace IpSolis.Domain.Tests.Runbooks;

public sealed class RunbookFlowTests
{
    private static readonly StepPolicy Critical = StepPolicy.Default;
    private static readonly StepPolicy Optional = StepPolicy.Default with { Critical = false };
    private static readonly StepPolicy CleanUp = StepPolicy.Default with { AlwaysRun = true };

    [Theory]
    [InlineData(StepRunState.Healthy, false, true)]
    [InlineData(StepRunState.Healthy, true, true)]
    [InlineData(StepRunState.Failed, false, false)]
    [InlineData(StepRunState.Failed, true, true)]
    [InlineData(StepRunState.Stopped, false, false)]
    [InlineData(StepRunState.Stopped, true, true)]
    [InlineData(StepRunState.Cancelled, true, false)]
    [InlineData(StepRunState.Cancelled, false, false)]
    public void ShouldRun_FollowsStateAndAlwaysRun(StepRunState state, bool alwaysRun, bool expected)
    {
        RunbookFlow.ShouldRun(state, StepPolicy.Default with { AlwaysRun = alwaysRun }).Should().Be(expected);
    }

    [Fact]
    public void After_CriticalFailure_FailsTheRun() =>
        RunbookFlow.After(StepRunState.Healthy, Critical, false, false).Should().Be(StepRunState.Failed);

    [Fact]
    public void After_OptionalFailure_KeepsGoing() =>
        RunbookFlow.After(StepRunState.Healthy, Optional, false, false).Should().Be(StepRunState.Healthy);

    [Fact]
    public void After_StopRequested_Stops() =>
        RunbookFlow.After(StepRunState.Healthy, Critical, true, true).Should().Be(StepRunState.Stopped);

    [Fact]
    public void After_StopRequestedWhenFailed_StaysFailed() =>
        RunbookFlow.After(StepRunState.Failed, CleanUp, true, true).Should().Be(StepRunState.Failed);

    [Fact]
    public void After_CleanUpFailsAfterStop_FailsTheRun() =>
        RunbookFlow.After(StepRunState.Stopped, CleanUp, false, false).Should().Be(StepRunState.Failed);

    [Fact]
    public void After_Cancelled_StaysCancelled() =>
        RunbookFlow.After(StepRunState.Cancelled, Critical, false, false).Should().Be(StepRunState.Cancelled);

    [Theory]
    [InlineData(StepRunState.Healthy, RunbookRunStatus.Succeeded)]
    [InlineData(StepRunState.Stopped, RunbookRunStatus.Succeeded)]
    [InlineData(StepRunState.Failed, RunbookRunStatus.Failed)]
    [InlineData(StepRunState.Cancelled, RunbookRunStatus.Cancelled)]
    public void Final_MapsStateToStatus(StepRunState state, RunbookRunStatus status) =>
        RunbookFlow.Final(state).Should().Be(status);
}
