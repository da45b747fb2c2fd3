using IpSolis.Domain.Lifecycle;
using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Lifecycle;

public sealed class ExtensionRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Until = Start.AddDays(30);
    private static readonly DateTimeOffset Now = Start.AddDays(10);
    private static readonly LifetimePolicy Renewable90 = new(Renewable: true, MaximumLifetimeDays: 90);

    private static DomainError? Check(DateTimeOffset newUntil, LifetimePolicy? policy = null, OrderStatus status = OrderStatus.Provisioned) =>
        ExtensionRules.Check(status, Start, Until, newUntil, Now, policy ?? Renewable90);

    [Fact]
    public void Extend_WithinMaximumLifetime_OfARenewableType_IsAllowed() =>
        Check(Until.AddDays(30)).Should().BeNull();

    [Fact]
    public void Extend_ToExactlyTheMaximumLifetime_IsAllowed() =>
        Check(Start.AddDays(90)).Should().BeNull();

    [Fact]
    public void Extend_PastTheMaximumLifetime_IsRefused_NamingTheLatestAllowedEnd()
    {
        var error = Check(Start.AddDays(90).AddMinutes(1))!;

        error.Code.Should().Be("order.beyond_maximum_lifetime");
        error.Field.Should().Be("until");
        error.Message.Should().Contain("90 days").And.Contain("2026-05-30 08:00 UTC");
    }

    [Fact]
    public void Extend_WithoutMaximumLifetime_HasNoUpperLimit() =>
        Check(Start.AddYears(10), new LifetimePolicy(true, null)).Should().BeNull();

    [Fact]
    public void Extend_OfANonRenewableType_IsRefused()
    {
        var error = Check(Until.AddDays(1), new LifetimePolicy(Renewable: false, MaximumLifetimeDays: null))!;

        error.Code.Should().Be("order.not_renewable");
        error.Field.Should().Be("until");
    }

    [Fact]
    public void Shorten_OfANonRenewableType_IsAllowed() =>
        Check(Until.AddDays(-5), new LifetimePolicy(Renewable: false, MaximumLifetimeDays: 30)).Should().BeNull();

    [Fact]
    public void KeepingTheSameEnd_OfANonRenewableType_IsNotAnExtension() =>
        Check(Until, new LifetimePolicy(Renewable: false, MaximumLifetimeDays: 30)).Should().BeNull();

    [Fact]
    public void Shorten_OfAnOrderAlreadyPastANewlyLoweredMaximum_IsStillBoundByTheMaximum()
    {
        // The type's maximum was lowered to 20 days after the order was placed for 30: a shortening to day 25 still
        // ends after the maximum, so the holder is told the latest allowed end.
        Check(Start.AddDays(25), new LifetimePolicy(true, 20))!.Code.Should().Be("order.beyond_maximum_lifetime");
        Check(Start.AddDays(20), new LifetimePolicy(true, 20)).Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-60 * 24 * 20)]
    public void ANewEnd_NotAfterNow_IsRefused(int minutesFromNow)
    {
        var error = Check(Now.AddMinutes(minutesFromNow))!;

        error.Code.Should().Be("order.until_not_in_future");
        error.Field.Should().Be("until");
    }

    [Fact]
    public void ANewEnd_JustAfterNow_IsAllowed() =>
        Check(Now.AddMinutes(1)).Should().BeNull();

    [Fact]
    public void ANewEnd_BeforeTheStart_IsRefused_EvenWhenTheClockIsBehind() =>
        ExtensionRules.Check(OrderStatus.Provisioned, Start, Until, Start.AddMinutes(-5), Start.AddDays(-1), Renewable90)!
            .Code.Should().Be("order.until_not_in_future");

    [Theory]
    [InlineData(OrderStatus.PendingApproval)]
    [InlineData(OrderStatus.Scheduled)]
    [InlineData(OrderStatus.Processing)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.Revoking)]
    [InlineData(OrderStatus.Revoked)]
    [InlineData(OrderStatus.Failed)]
    [InlineData(OrderStatus.Expired)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Rejected)]
    public void AnOrderThatIsNotActive_CannotBeChanged(OrderStatus status)
    {
        var error = Check(Until.AddDays(1), status: status)!;

        error.Code.Should().Be("order.transition_not_allowed");
        error.Message.Should().Contain(WireName<OrderStatus>.Of(status));
    }

    [Fact]
    public void TheStatusIsCheckedFirst() =>
        Check(Now.AddDays(-1), new LifetimePolicy(false, 1), OrderStatus.Expired)!.Code.Should().Be("order.transition_not_allowed");

    [Fact]
    public void NonRenewable_IsReportedBeforeTheMaximumLifetime() =>
        Check(Start.AddDays(400), new LifetimePolicy(false, 90))!.Code.Should().Be("order.not_renewable");

    [Fact]
    public void IsExtension_OnlyWhenTheEndMovesLater()
    {
        ExtensionRules.IsExtension(Until, Until.AddTicks(1)).Should().BeTrue();
        ExtensionRules.IsExtension(Until, Until).Should().BeFalse();
        ExtensionRules.IsExtension(Until, Until.AddDays(-1)).Should().BeFalse();
    }

    [Fact]
    public void LatestEnd_IsTheStartPlusTheMaximumLifetime()
    {
        new LifetimePolicy(true, 14).LatestEnd(Start).Should().Be(Start.AddDays(14));
        new LifetimePolicy(true, null).LatestEnd(Start).Should().BeNull();
    }
}
