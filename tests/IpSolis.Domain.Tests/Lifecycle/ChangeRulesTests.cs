using IpSolis.Domain.Lifecycle;
using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Lifecycle;

public sealed class ChangeRulesTests
{
    [Fact]
    public void AListTheTypeOffers_IsNormalizedLikeANewOrders() =>
        ChangeRules.CheckList(["  Bob@Example.com", "", "alice", "BOB@example.com "], [], offered: true, ChangeRules.RdpUsersField).Value
            .Should().Equal("bob@example.com", "alice");

    [Theory]
    [InlineData("rdpUsers")]
    [InlineData("adminUsers")]
    public void AListTheTypeDoesNotOffer_IsRefused_NamingTheList(string field)
    {
        var error = ChangeRules.CheckList(["a@example.com"], [], offered: false, field).Errors.Single();

        error.Code.Should().Be("order.list_not_allowed");
        error.Field.Should().Be(field);
    }

    [Fact]
    public void AnUnchangedList_IsAccepted_EvenWhenTheTypeNoLongerOffersIt() =>
        ChangeRules.CheckList([" B@example.com", "a@example.com"], ["a@example.com", "b@example.com"], offered: false, ChangeRules.RdpUsersField).Value
            .Should().Equal("a@example.com", "b@example.com");

    [Fact]
    public void AddingSomeone_ToAListTheTypeNoLongerOffers_IsRefused() =>
        ChangeRules.CheckList(["a@example.com", "c@example.com"], ["a@example.com"], offered: false, ChangeRules.RdpUsersField).Succeeded.Should().BeFalse();

    [Fact]
    public void AListTheTypeDoesNotOffer_MayStillBeEmptied() =>
        ChangeRules.CheckList(["", "  "], [], offered: false, ChangeRules.RdpUsersField).Value.Should().BeEmpty();

    [Theory]
    [InlineData("alice bob")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("not@an@email")]
    public void AListEntryThatIsNotOnePerson_IsRefused(string entry) =>
        ChangeRules.CheckList([entry], [], offered: true, ChangeRules.AdminUsersField).Errors.Single().Field.Should().Be("adminUsers");

    [Fact]
    public void AListOfMoreThanFiftyPeople_IsRefused()
    {
        var fifty = Enumerable.Range(1, 50).Select(i => $"user{i}@example.com").ToList();
        ChangeRules.CheckList(fifty, [], offered: true, ChangeRules.RdpUsersField).Value.Should().HaveCount(50);
        ChangeRules.CheckList([.. fifty, "one.more@example.com"], [], offered: true, ChangeRules.RdpUsersField).Succeeded.Should().BeFalse();
    }

    [Fact]
    public void TheRequesterOrAnAdministrator_MayChangeTheOwner_WhichIsLowerCased() =>
        ChangeRules.CheckOwner(true, "req@example.com", " New.Owner@Example.com ").Value.Should().Be("new.owner@example.com");

    [Fact]
    public void ABlankOwner_RemovesTheOwner() =>
        ChangeRules.CheckOwner(true, "req@example.com", "  ").Value.Should().BeNull();

    [Fact]
    public void AnyoneElse_MayNotChangeOrRemoveTheOwner()
    {
        var error = ChangeRules.CheckOwner(false, "req@example.com", "me@example.com").Errors.Single();

        error.Code.Should().Be("order.owner_change_forbidden");
        error.Field.Should().Be("ownerEmail");
        ChangeRules.CheckOwner(false, "req@example.com", "").Errors.Single().Code.Should().Be("order.owner_change_forbidden");
    }

    [Fact]
    public void TheRequester_CannotBeTheirOwnOwner() =>
        ChangeRules.CheckOwner(true, "req@example.com", " REQ@example.com ").Errors.Single().Code.Should().Be("order.owner_is_requester");

    [Fact]
    public void AnOwnerThatIsNotAnEmailAddress_IsRefused()
    {
        var error = ChangeRules.CheckOwner(true, "req@example.com", "just a name").Errors.Single();

        error.Code.Should().Be("order.email_invalid");
        error.Field.Should().Be("ownerEmail");
    }

    [Theory]
    [InlineData(OrderStatus.PendingApproval, true)]
    [InlineData(OrderStatus.Processing, true)]
    [InlineData(OrderStatus.Failed, true)]
    [InlineData(OrderStatus.Delivered, false)]
    [InlineData(OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.Rejected, false)]
    public void AChangeIsOpen_UntilItReachesAFinalStatus(OrderStatus status, bool open) =>
        ChangeRules.IsOpen(status).Should().Be(open);

    [Fact]
    public void ChangeInProgress_IsAConflict_NamingTheOpenChange()
    {
        var error = ChangeRules.ChangeInProgress(42, OrderStatus.PendingApproval);

        error.Code.Should().Be("order.change_in_progress");
        error.Message.Should().Contain("#42").And.Contain("pending_approval");
    }

    [Fact]
    public void AddsUsers_OnlyWhenSomeoneNewIsNamed()
    {
        ChangeRules.AddsUsers(["a", "b"], ["B", "a"]).Should().BeFalse();
        ChangeRules.AddsUsers(["a", "b"], ["a"]).Should().BeFalse();
        ChangeRules.AddsUsers(["a"], ["a", "c"]).Should().BeTrue();
        ChangeRules.AddsUsers([], ["c"]).Should().BeTrue();
    }

    [Fact]
    public void SameUsers_IgnoresOrderAndCase()
    {
        ChangeRules.SameUsers(["a", "B"], ["b", "A"]).Should().BeTrue();
        ChangeRules.SameUsers(["a"], ["a", "b"]).Should().BeFalse();
        ChangeRules.SameUsers([], []).Should().BeTrue();
    }
}
