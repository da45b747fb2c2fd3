using IpSolis.Domain.Orders;
using static IpSolis.Domain.Orders.OrderStatus;

namespace IpSolis.Domain.Tests.Orders;

public sealed class OrderTransitionsTests
{
    // The state machine, written out once more by hand: every pair not listed here must be refused.
    private static readonly Dictionary<OrderAction, (OrderStatus From, OrderStatus To)[]> Expected = new()
    {
        [OrderAction.Provision] =
        [
            (PendingApproval, Scheduled), (PendingApproval, Processing), (PendingApproval, Rejected), (PendingApproval, Cancelled),
            (Scheduled, Processing), (Scheduled, Cancelled),
            (Processing, Provisioned), (Processing, Failed),
            (Failed, Processing), (Failed, Cancelled),
            (Provisioned, Expired), (Provisioned, Revoking), (Provisioned, Revoked),
            (Revoking, Revoked),
        ],
        [OrderAction.Modify] =
        [
            (PendingApproval, Processing), (PendingApproval, Rejected), (PendingApproval, Cancelled),
            (Processing, Delivered), (Processing, Failed),
            (Failed, Processing), (Failed, Cancelled),
        ],
        [OrderAction.Delete] = [(Processing, Revoked), (Processing, Failed), (Failed, Processing)],
    };

    public static TheoryData<OrderAction, OrderStatus, OrderStatus> EveryPair()
    {
        var data = new TheoryData<OrderAction, OrderStatus, OrderStatus>();
        foreach (var action in Enum.GetValues<OrderAction>())
        {
            foreach (var from in Enum.GetValues<OrderStatus>())
            {
                foreach (var to in Enum.GetValues<OrderStatus>())
                    data.Add(action, from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Check_EveryPairOfStatuses_AllowsExactlyTheTable(OrderAction action, OrderStatus from, OrderStatus to)
    {
        var allowed = Expected[action].Contains((from, to));

        OrderTransitions.IsAllowed(action, from, to).Should().Be(allowed);
        var check = OrderTransitions.Check(action, from, to);
        check.Succeeded.Should().Be(allowed);
        if (allowed)
        {
            check.Value.Should().Be(to);
        }
        else
        {
            check.Errors.Should().ContainSingle().Which.Code.Should().Be("order.transition_not_allowed");
            check.Errors[0].Field.Should().Be("status");
            check.Errors[0].Message.Should().Contain(WireName<OrderStatus>.Of(from)).And.Contain(WireName<OrderStatus>.Of(to));
        }
    }

    [Fact]
    public void Check_FromFinalStatus_SaysItIsFinal()
    {
        OrderTransitions.Check(OrderAction.Provision, Revoked, Processing).Errors[0].Message.Should().Contain("it is final");
    }

    [Fact]
    public void Check_Refused_NamesWhatTheOrderCanBecomeInstead()
    {
        OrderTransitions.Check(OrderAction.Provision, Scheduled, Provisioned).Errors[0].Message
            .Should().Contain("it can become processing, cancelled");
    }

    [Theory]
    [InlineData(OrderAction.Provision, new[] { PendingApproval, Scheduled, Processing })]
    [InlineData(OrderAction.Modify, new[] { PendingApproval, Processing })]
    [InlineData(OrderAction.Delete, new[] { Processing })]
    public void Starts_EachAction_HasItsOwnStartStatuses(OrderAction action, OrderStatus[] starts)
    {
        OrderTransitions.Starts(action).Should().BeEquivalentTo(starts);
        foreach (var status in Enum.GetValues<OrderStatus>())
            OrderTransitions.CanStartIn(action, status).Should().Be(starts.Contains(status));
    }

    [Theory]
    [InlineData(OrderAction.Provision, Provisioned)]
    [InlineData(OrderAction.Modify, Delivered)]
    [InlineData(OrderAction.Delete, Revoked)]
    public void Completed_IsReachableFromProcessing(OrderAction action, OrderStatus completed)
    {
        OrderTransitions.Completed(action).Should().Be(completed);
        OrderTransitions.IsAllowed(action, Processing, completed).Should().BeTrue();
    }

    [Fact]
    public void Targets_ListTheAllowedMovesOnly()
    {
        OrderTransitions.Targets(OrderAction.Provision, Provisioned).Should().BeEquivalentTo([Expired, Revoking, Revoked]);
        OrderTransitions.Targets(OrderAction.Delete, Provisioned).Should().BeEmpty();
    }

    [Fact]
    public void Statuses_TerminalOnesHaveNoWayOut()
    {
        foreach (var action in Enum.GetValues<OrderAction>())
        {
            foreach (var status in OrderStatuses.Terminal)
                OrderTransitions.Targets(action, status).Should().BeEmpty($"{status} is final");
        }
    }

    [Fact]
    public void Statuses_HoldingAreTheNonFinalOnesOfAProvisionOrder()
    {
        OrderStatuses.Holding.Should().BeEquivalentTo([PendingApproval, Scheduled, Processing, Provisioned, Revoking, Failed]);
        foreach (var status in Enum.GetValues<OrderStatus>())
            OrderStatuses.IsHolding(status).Should().Be(!OrderStatuses.IsTerminal(status));
    }
}
