using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Orders;

public sealed class OrderReleaseTests
{
    [Theory]
    [InlineData(DeprovisionPolicy.AccessOnly, AssetRelease.Free)]
    [InlineData(DeprovisionPolicy.ReturnToPool, AssetRelease.Free)]
    [InlineData(DeprovisionPolicy.CustomRunbook, AssetRelease.Free)]
    [InlineData(DeprovisionPolicy.ReturnToPoolReinstall, AssetRelease.Reinstall)]
    public void For_PersonalAsset_FollowsThePolicy(DeprovisionPolicy policy, AssetRelease expected)
    {
        OrderRelease.For(AssignmentModel.AssignedPersonal, policy).Should().Be(expected);
    }

    [Theory]
    [InlineData(AssignmentModel.CapacityPooled)]
    [InlineData(AssignmentModel.DedicatedShared)]
    public void For_ModelsWithoutAnAssetPerOrder_ReleaseNothing(AssignmentModel model)
    {
        foreach (var policy in Enum.GetValues<DeprovisionPolicy>())
            OrderRelease.For(model, policy).Should().Be(AssetRelease.None);
    }
}
