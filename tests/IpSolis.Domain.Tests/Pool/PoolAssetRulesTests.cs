using IpSolis.Domain.Pool;

namespace IpSolis.Domain.Tests.Pool;

public sealed class PoolAssetRulesTests
{
    public static TheoryData<PoolAssetStatus, PoolAssetStatus> OperatorMoves => new()
    {
        { PoolAssetStatus.Free, PoolAssetStatus.Maintenance }, { PoolAssetStatus.Free, PoolAssetStatus.Reinstall },
        { PoolAssetStatus.Maintenance, PoolAssetStatus.Free }, { PoolAssetStatus.Maintenance, PoolAssetStatus.Reinstall },
        { PoolAssetStatus.Failed, PoolAssetStatus.Free }, { PoolAssetStatus.Failed, PoolAssetStatus.Reinstall },
        { PoolAssetStatus.Failed, PoolAssetStatus.Maintenance },
        { PoolAssetStatus.Reinstall, PoolAssetStatus.Free }, { PoolAssetStatus.Reinstall, PoolAssetStatus.Maintenance },
        { PoolAssetStatus.Reinstalling, PoolAssetStatus.Reinstall },
    };

    [Theory]
    [MemberData(nameof(OperatorMoves))]
    public void ManualStatus_AllowsTheOperatorMoves(PoolAssetStatus from, PoolAssetStatus to) =>
        PoolAssetRules.CheckManualStatus("VDI-1", from, to, null).Value.Should().Be(to);

    [Fact]
    public void ManualStatus_RefusesEveryOtherMove_AsAConflict()
    {
        var allowed = OperatorMoves.Select(row => ((PoolAssetStatus)row[0], (PoolAssetStatus)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<PoolAssetStatus>())
        {
            foreach (var to in Enum.GetValues<PoolAssetStatus>().Where(to => !allowed.Contains((from, to))))
            {
                var result = PoolAssetRules.CheckManualStatus("VDI-1", from, to, null);
                result.Succeeded.Should().BeFalse($"{from} → {to} is not an operator move");
                result.Errors.Single().Code.Should().Be("pool_asset.transition_not_allowed");
            }
        }
    }

    [Theory]
    [InlineData(PoolAssetStatus.Reserved)]
    [InlineData(PoolAssetStatus.Busy)]
    public void ManualStatus_OnAHeldAsset_PointsToForceRelease(PoolAssetStatus held)
    {
        var error = PoolAssetRules.CheckManualStatus("VDI-1", held, PoolAssetStatus.Maintenance, 42).Errors.Single();

        error.Code.Should().Be("pool_asset.transition_not_allowed");
        error.Message.Should().Contain("order 42").And.Contain("Force release");
    }

    [Fact]
    public void TypeChange_OnlyWhileFree()
    {
        PoolAssetRules.CheckTypeChange("VDI-1", PoolAssetStatus.Free).Should().BeNull();
        foreach (var status in Enum.GetValues<PoolAssetStatus>().Where(s => s != PoolAssetStatus.Free))
            PoolAssetRules.CheckTypeChange("VDI-1", status)!.Code.Should().Be("pool_asset.conflict");
    }

    [Fact]
    public void Delete_OnlyFreeOrMaintenance_AndNeverWithOrderHistory()
    {
        PoolAssetRules.CheckDelete("VDI-1", PoolAssetStatus.Free, false).Should().BeNull();
        PoolAssetRules.CheckDelete("VDI-1", PoolAssetStatus.Maintenance, false).Should().BeNull();
        PoolAssetRules.CheckDelete("VDI-1", PoolAssetStatus.Free, true)!.Message.Should().Contain("maintenance");
        foreach (var status in new[] { PoolAssetStatus.Reserved, PoolAssetStatus.Busy, PoolAssetStatus.Reinstall, PoolAssetStatus.Reinstalling, PoolAssetStatus.Failed })
            PoolAssetRules.CheckDelete("VDI-1", status, false)!.Code.Should().Be("pool_asset.in_use");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void ForceRelease_NeedsAReason(string? reason) =>
        PoolAssetRules.CheckReason(reason).Errors.Single().Field.Should().Be("reason");

    [Fact]
    public void ForceRelease_Reason_IsTrimmedAndBounded()
    {
        PoolAssetRules.CheckReason("  user left  ").Value.Should().Be("user left");
        PoolAssetRules.CheckReason(new string('r', PoolAssetRules.MaxReasonLength + 1)).Succeeded.Should().BeFalse();
    }
}
