using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Orders;

public sealed class OrderQuotaTests
{
    [Fact]
    public void Of_CountsLiveAwaitingAndInProgress()
    {
        var use = QuotaUse.Of([
            OrderStatus.Provisioned, OrderStatus.Revoking, OrderStatus.PendingApproval,
            OrderStatus.Scheduled, OrderStatus.Processing, OrderStatus.Failed,
            OrderStatus.Revoked, OrderStatus.Expired, OrderStatus.Cancelled, OrderStatus.Rejected, OrderStatus.Delivered,
        ]);

        use.Should().Be(new QuotaUse(2, 1, 3));
        use.Total.Should().Be(6);
    }

    [Fact]
    public void Of_EveryHoldingStatusCounts_AndNoOtherDoes()
    {
        foreach (var status in Enum.GetValues<OrderStatus>())
            QuotaUse.Of([status]).Total.Should().Be(OrderStatuses.IsHolding(status) ? 1 : 0, status.ToString());
    }

    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(1, 1, false)]
    [InlineData(3, 2, true)]
    [InlineData(3, 3, false)]
    [InlineData(3, 7, false)]
    [InlineData(0, 500, true)]
    [InlineData(-1, 500, true)]
    public void Check_AgainstTheLimit(int maxPerUser, int inUse, bool fits)
    {
        var error = OrderQuota.Check(maxPerUser, new QuotaUse(inUse, 0, 0));

        (error is null).Should().Be(fits);
        if (!fits)
            error!.Code.Should().Be("order.quota_reached");
    }

    [Fact]
    public void Check_Reached_ListsWhatUsesTheQuota()
    {
        var error = OrderQuota.Check(3, new QuotaUse(1, 1, 1))!;

        error.Message.Should().Contain("3 orders").And.Contain("1 live").And.Contain("1 awaiting approval").And.Contain("1 in progress");
        error.Field.Should().Be("assetTypeId");
    }

    [Fact]
    public void Check_Reached_LeavesOutKindsThatAreNotThere()
    {
        var error = OrderQuota.Check(1, new QuotaUse(0, 1, 0))!;

        error.Message.Should().Contain("1 order ").And.Contain("1 awaiting approval").And.NotContain("live").And.NotContain("in progress");
    }

    [Theory]
    [InlineData(null, 1000, true)]
    [InlineData(5, 4, true)]
    [InlineData(5, 5, false)]
    [InlineData(0, 0, false)]
    public void Capacity_CountsSeats(int? capacity, int holding, bool fits)
    {
        var error = OrderCapacity.Check(capacity, holding);

        (error is null).Should().Be(fits);
        if (!fits)
        {
            error!.Code.Should().Be("order.capacity_reached");
            error.Message.Should().Contain($"{capacity} seats");
        }
    }
}
