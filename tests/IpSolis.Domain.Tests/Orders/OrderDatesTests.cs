using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Orders;

public sealed class OrderDatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Today = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_TodayUntilNextMonth_IsFine()
    {
        OrderDates.Check(Today, Today.AddDays(30), Now, 90, 365).Should().BeEmpty();
    }

    [Fact]
    public void Check_StartNow_IsFine()
    {
        OrderDates.Check(Now, Now.AddDays(1), Now, 90, null).Should().BeEmpty();
    }

    [Fact]
    public void Check_UntilBeforeFrom_NamesUntil()
    {
        var errors = OrderDates.Check(Today.AddDays(2), Today.AddDays(1), Now, 90, null);

        errors.Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == "order.until_not_after_from" && e.Field == "until");
    }

    [Fact]
    public void Check_UntilEqualToFrom_IsRefused()
    {
        OrderDates.Check(Today, Today, Now, 90, null).Should().ContainSingle().Which.Code.Should().Be("order.until_not_after_from");
    }

    [Fact]
    public void Check_FromYesterday_IsInThePast()
    {
        var errors = OrderDates.Check(Today.AddDays(-1), Today.AddDays(5), Now, 90, null);

        errors.Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == "order.from_in_past" && e.Field == "from");
    }

    [Fact]
    public void Check_FromJustBeforeMidnightWithinGrace_IsAccepted()
    {
        // Clock skew: just after midnight a client still a few minutes behind sends "now" from yesterday.
        var justAfterMidnight = Today.AddMinutes(2);
        OrderDates.Check(justAfterMidnight.AddMinutes(-10), Today.AddDays(3), justAfterMidnight, 90, null).Should().BeEmpty();
        OrderDates.Check(justAfterMidnight.AddMinutes(-20), Today.AddDays(3), justAfterMidnight, 90, null)
            .Should().ContainSingle().Which.Code.Should().Be("order.from_in_past");
    }

    [Fact]
    public void Check_FromAtMaxAdvanceDays_IsAcceptedAndOneDayMoreIsNot()
    {
        OrderDates.Check(Today.AddDays(90), Today.AddDays(100), Now, 90, null).Should().BeEmpty();
        OrderDates.Check(Today.AddDays(90).AddHours(23), Today.AddDays(100), Now, 90, null).Should().BeEmpty();

        var errors = OrderDates.Check(Today.AddDays(91), Today.AddDays(100), Now, 90, null);

        errors.Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == "order.from_too_far" && e.Field == "from");
        errors[0].Message.Should().Contain("90 days").And.Contain("2026-06-08");
    }

    [Fact]
    public void Check_MaxAdvanceDaysZero_AllowsAnyFutureStart()
    {
        OrderDates.Check(Today.AddYears(3), Today.AddYears(4), Now, 0, null).Should().BeEmpty();
    }

    [Fact]
    public void Check_LongerThanMaximumLifetime_NamesUntil()
    {
        OrderDates.Check(Today, Today.AddDays(30), Now, 90, 30).Should().BeEmpty();

        var errors = OrderDates.Check(Today, Today.AddDays(30).AddMinutes(1), Now, 90, 30);

        errors.Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == "order.too_long" && e.Field == "until");
        errors[0].Message.Should().Contain("30 days");
    }

    [Fact]
    public void Check_SeveralProblems_ReportsEach()
    {
        var errors = OrderDates.Check(Today.AddDays(-3), Today.AddDays(-4), Now, 90, null);

        errors.Select(e => e.Field).Should().BeEquivalentTo(["from", "until"]);
    }

    [Theory]
    [InlineData("2026-03-10T23:59:59Z", false)]
    [InlineData("2026-03-11T00:00:00Z", true)]
    [InlineData("2026-03-11T00:30:00+02:00", false)]
    [InlineData("2026-03-09T12:00:00Z", false)]
    public void StartsOnLaterDay_ComparesUtcDays(string from, bool later)
    {
        OrderDates.StartsOnLaterDay(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), Now).Should().Be(later);
    }
}
