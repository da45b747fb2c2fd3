using IpSolis.Domain.Runbooks;

namespace IpSolis.Domain.Tests.Runbooks;

public sealed class StandaloneTriggerTests
{
    [Theory]
    [InlineData(true, true, true, false, true)]
    [InlineData(true, true, true, true, false)]
    [InlineData(true, true, false, true, true)]
    [InlineData(false, true, false, false, false)]
    [InlineData(true, false, false, false, false)]
    public void OnTick_Decides(bool active, bool enabled, bool skipIfRunning, bool running, bool fire)
    {
        var decision = StandaloneTrigger.OnTick(active, enabled, skipIfRunning, running);
        decision.Fire.Should().Be(fire);
        (decision.Reason is null).Should().Be(fire);
    }

    [Fact]
    public void OnTick_SkipReason_SaysARunIsUnfinished() =>
        StandaloneTrigger.OnTick(true, true, true, true).Reason.Should().Contain("still pending or running");

    [Theory]
    [InlineData(true, true, false, true)]
    [InlineData(true, true, true, false)]
    [InlineData(true, false, true, true)]
    [InlineData(false, false, false, false)]
    public void OnManual_Decides(bool active, bool skipIfRunning, bool running, bool fire) =>
        StandaloneTrigger.OnManual(active, skipIfRunning, running).Fire.Should().Be(fire);
}
