using IpSolis.Domain.Lifecycle;
using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Lifecycle;

public sealed class ReturnRulesTests
{
    [Theory]
    [InlineData(OrderStatus.PendingApproval)]
    [InlineData(OrderStatus.Scheduled)]
    [InlineData(OrderStatus.Failed)]
    public void AProvisionOrderThatNeverBecameActive_IsCancelled(OrderStatus status) =>
        ReturnRules.Decide(OrderAction.Provision, status).Value.Should().Be(ReturnOutcome.Cancel);

    [Fact]
    public void AnActiveProvisionOrder_IsDeprovisioned() =>
        ReturnRules.Decide(OrderAction.Provision, OrderStatus.Provisioned).Value.Should().Be(ReturnOutcome.Deprovision);

    [Theory]
    [InlineData(OrderStatus.PendingApproval)]
    [InlineData(OrderStatus.Failed)]
    public void AChangeNotYetApplied_IsWithdrawn(OrderStatus status) =>
        ReturnRules.Decide(OrderAction.Modify, status).Value.Should().Be(ReturnOutcome.Cancel);

    [Theory]
    [InlineData(OrderAction.Provision, OrderStatus.Processing, "being carried out")]
    [InlineData(OrderAction.Provision, OrderStatus.Revoking, "already being returned")]
    [InlineData(OrderAction.Provision, OrderStatus.Revoked, "ended (revoked)")]
    [InlineData(OrderAction.Provision, OrderStatus.Expired, "ended (expired)")]
    [InlineData(OrderAction.Provision, OrderStatus.Cancelled, "ended (cancelled)")]
    [InlineData(OrderAction.Provision, OrderStatus.Rejected, "ended (rejected)")]
    [InlineData(OrderAction.Modify, OrderStatus.Processing, "being carried out")]
    [InlineData(OrderAction.Modify, OrderStatus.Delivered, "ended (delivered)")]
    [InlineData(OrderAction.Delete, OrderStatus.Processing, "deprovision order")]
    [InlineData(OrderAction.Delete, OrderStatus.Failed, "deprovision order")]
    public void EverythingElse_IsRefusedAsAConflict_SayingWhy(OrderAction action, OrderStatus status, string reason)
    {
        var error = ReturnRules.Decide(action, status).Errors.Single();

        error.Code.Should().Be("order.transition_not_allowed");
        error.Message.Should().Contain(reason);
    }

    [Fact]
    public void EveryOutcome_IsAMoveTheStateMachineAllows()
    {
        foreach (var action in Enum.GetValues<OrderAction>())
        {
            foreach (var status in Enum.GetValues<OrderStatus>())
            {
                var decided = ReturnRules.Decide(action, status);
                if (decided.Succeeded)
                    OrderTransitions.IsAllowed(action, status, ReturnRules.StatusAfter(decided.Value)).Should().BeTrue($"{action} {status}");
            }
        }
    }

    [Fact]
    public void StatusAfter_CancelIsCancelled_DeprovisionIsRevoking()
    {
        ReturnRules.StatusAfter(ReturnOutcome.Cancel).Should().Be(OrderStatus.Cancelled);
        ReturnRules.StatusAfter(ReturnOutcome.Deprovision).Should().Be(OrderStatus.Revoking);
    }
}
