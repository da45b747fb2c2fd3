using IpSolis.Domain.Pool;
using static IpSolis.Domain.Pool.PoolAssetStatus;

namespace IpSolis.Domain.Tests.Pool;

public sealed class PoolAssetTransitionsTests
{
    // The table written out once more by hand: every (change, from, to) not listed must be refused.
    private static readonly Dictionary<PoolAssetChange, (PoolAssetStatus From, PoolAssetStatus To)[]> Expected = new()
    {
        [PoolAssetChange.Reserve] = [(Free, Reserved)],
        [PoolAssetChange.MarkBusy] = [(Reserved, Busy), (Busy, Busy)],
        [PoolAssetChange.Release] = [(Reserved, Free), (Busy, Free)],
        [PoolAssetChange.ReleaseForReinstall] = [(Reserved, Reinstall), (Busy, Reinstall)],
        [PoolAssetChange.Operator] =
        [
            (Free, Maintenance), (Free, Reinstall), (Maintenance, Free), (Maintenance, Reinstall),
            (Failed, Free), (Failed, Reinstall), (Failed, Maintenance), (Reinstall, Free), (Reinstall, Maintenance),
            (Reinstalling, Reinstall),
        ],
        [PoolAssetChange.Recycler] = [(Reinstall, Reinstalling), (Reinstalling, Free), (Reinstalling, Failed)],
        [PoolAssetChange.ForceRelease] =
            [(Reserved, Free), (Busy, Free), (Maintenance, Free), (Reinstall, Free), (Reinstalling, Free), (Failed, Free)],
    };

    public static TheoryData<PoolAssetChange, PoolAssetStatus, PoolAssetStatus> EveryMove()
    {
        var data = new TheoryData<PoolAssetChange, PoolAssetStatus, PoolAssetStatus>();
        foreach (var change in Enum.GetValues<PoolAssetChange>())
        {
            foreach (var from in Enum.GetValues<PoolAssetStatus>())
            {
                foreach (var to in Enum.GetValues<PoolAssetStatus>())
                    data.Add(change, from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryMove))]
    public void Check_EveryMove_AllowsExactlyTheTable(PoolAssetChange change, PoolAssetStatus from, PoolAssetStatus to)
    {
        var allowed = Expected[change].Contains((from, to));

        PoolAssetTransitions.IsAllowed(from, to, change).Should().Be(allowed);
        var check = PoolAssetTransitions.Check(from, to, change);
        check.Succeeded.Should().Be(allowed);
        if (!allowed)
        {
            check.Errors.Should().ContainSingle().Which.Code.Should().Be("pool_asset.transition_not_allowed");
            check.Errors[0].Field.Should().Be("status");
        }
    }

    [Fact]
    public void Check_Refused_SaysWhatIsAllowed()
    {
        PoolAssetTransitions.Check(Free, Busy, PoolAssetChange.Operator).Errors[0].Message
            .Should().Contain("set by an operator").And.Contain("maintenance, reinstall");
        PoolAssetTransitions.Check(Busy, Free, PoolAssetChange.Reserve).Errors[0].Message.Should().Contain("allowed: nothing");
    }

    [Fact]
    public void IsHeld_OnlyReservedAndBusy()
    {
        foreach (var status in Enum.GetValues<PoolAssetStatus>())
            PoolAssetTransitions.IsHeld(status).Should().Be(status is Reserved or Busy);
    }

    [Fact]
    public void Operator_CannotTakeAnAssetFromAnOrder()
    {
        foreach (var to in Enum.GetValues<PoolAssetStatus>())
        {
            PoolAssetTransitions.IsAllowed(Reserved, to, PoolAssetChange.Operator).Should().BeFalse();
            PoolAssetTransitions.IsAllowed(Busy, to, PoolAssetChange.Operator).Should().BeFalse();
        }
    }
}
