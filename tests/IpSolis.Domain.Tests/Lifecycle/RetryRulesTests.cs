using IpSolis.Domain.Lifecycle;
using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Lifecycle;

public sealed class RetryRulesTests
{
    [Theory]
    [InlineData(OrderAction.Provision)]
    [InlineData(OrderAction.Modify)]
    [InlineData(OrderAction.Delete)]
    public void AFailedOrder_OfAnyAction_CanBeRetried(OrderAction action) =>
        RetryRules.Check(action, OrderStatus.Failed).Should().BeNull();

    [Fact]
    public void NoOtherStatus_CanBeRetried()
    {
        foreach (var action in Enum.GetValues<OrderAction>())
        {
            foreach (var status in Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Failed))
            {
                var error = RetryRules.Check(action, status);
                error.Should().NotBeNull($"{action} {status}");
                error!.Code.Should().Be("order.transition_not_allowed");
                error.Message.Should().Contain(WireName<OrderStatus>.Of(status));
            }
        }
    }
}
