using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Orders;

public sealed class OrderRoutingTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Route_ApprovalNeeded_WaitsForApprovalWhateverTheDate()
    {
        OrderRouting.Route(true, Now, Now).Should().Be(OrderStatus.PendingApproval);
        OrderRouting.Route(true, Now.AddDays(10), Now).Should().Be(OrderStatus.PendingApproval);
    }

    [Fact]
    public void Route_NoApprovalStartingToday_ProcessesNow()
    {
        OrderRouting.Route(false, Now, Now).Should().Be(OrderStatus.Processing);
        OrderRouting.Route(false, new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), Now).Should().Be(OrderStatus.Processing);
        OrderRouting.Route(false, new DateTimeOffset(2026, 3, 10, 23, 0, 0, TimeSpan.Zero), Now).Should().Be(OrderStatus.Processing);
    }

    [Fact]
    public void Route_NoApprovalStartingOnALaterDay_IsScheduled()
    {
        OrderRouting.Route(false, new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero), Now).Should().Be(OrderStatus.Scheduled);
    }

    [Fact]
    public void AfterApproval_FollowsTheStartDay()
    {
        OrderRouting.AfterApproval(Now, Now).Should().Be(OrderStatus.Processing);
        OrderRouting.AfterApproval(Now.AddDays(2), Now).Should().Be(OrderStatus.Scheduled);
    }

    [Fact]
    public void Route_EveryOutcome_IsAStartOfAProvisionOrder()
    {
        foreach (var approval in new[] { true, false })
        {
            foreach (var days in new[] { 0, 1, 30 })
                OrderTransitions.CanStartIn(OrderAction.Provision, OrderRouting.Route(approval, Now.AddDays(days), Now)).Should().BeTrue();
        }
    }
}
