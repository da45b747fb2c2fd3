using IpSolis.Domain.Approvals;

namespace IpSolis.Domain.Tests.Approvals;

public sealed class ApprovalDelegationsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly Approver Deputy = new("dana@example.com", "Dana");

    private static ApprovalDelegation Window(long id, string approver, Approver to, int fromDays, int untilDays) =>
        new(id, approver, to, Now.AddDays(fromDays), Now.AddDays(untilDays));

    [Fact]
    public void AWindowIsActiveFromItsStartUpToItsEnd()
    {
        var window = Window(1, "mia@example.com", Deputy, 0, 1);
        window.IsActiveAt(Now).Should().BeTrue();
        window.IsActiveAt(Now.AddDays(1)).Should().BeFalse("the end is not included");
        window.IsActiveAt(Now.AddTicks(-1)).Should().BeFalse();
        (window with { RevokedAt = Now }).IsActiveAt(Now).Should().BeFalse();
    }

    [Fact]
    public void DelegateFor_MatchesTheApproverCaseInsensitively_LatestStartWins()
    {
        var other = new Approver("omar@example.com", "Omar");
        var delegations = new[] { Window(1, "Mia@Example.com", Deputy, -3, 3), Window(2, "mia@example.com", other, -1, 3) };
        ApprovalDelegations.DelegateFor("MIA@example.com", delegations, Now).Should().Be(other);
        ApprovalDelegations.DelegateFor("someone@example.com", delegations, Now).Should().BeNull();
    }

    [Fact]
    public void Validate_AcceptsAFutureWindow()
    {
        ApprovalDelegations.Validate(Window(0, "mia@example.com", Deputy, 1, 10), [], Now).Should().BeEmpty();
    }

    [Theory]
    [InlineData(2, 2, "delegation.window_empty")]
    [InlineData(3, 1, "delegation.window_empty")]
    [InlineData(-5, -1, "delegation.in_the_past")]
    [InlineData(0, 400, "delegation.window_too_long")]
    public void Validate_RefusesBadWindows(int from, int until, string code)
    {
        ApprovalDelegations.Validate(Window(0, "mia@example.com", Deputy, from, until), [], Now)
            .Should().Contain(e => e.Code == code);
    }

    [Fact]
    public void Validate_RefusesDelegatingToYourself()
    {
        ApprovalDelegations.Validate(Window(0, "Dana@example.com", Deputy, 0, 1), [], Now)
            .Should().ContainSingle(e => e.Code == "delegation.to_self" && e.Field == "delegateEmail");
    }

    [Fact]
    public void Validate_RefusesAnOverlappingWindowOfTheSameApprover_ButNotARevokedOne()
    {
        var existing = Window(1, "mia@example.com", new Approver("x@example.com", "X"), 0, 5);
        ApprovalDelegations.Validate(Window(0, "MIA@example.com", Deputy, 4, 8), [existing], Now)
            .Should().ContainSingle(e => e.Code == "delegation.overlaps");
        ApprovalDelegations.Validate(Window(0, "mia@example.com", Deputy, 5, 8), [existing], Now).Should().BeEmpty("windows that only touch do not overlap");
        ApprovalDelegations.Validate(Window(0, "mia@example.com", Deputy, 4, 8), [existing with { RevokedAt = Now }], Now).Should().BeEmpty();
    }

    [Fact]
    public void Validate_RefusesChains_InEitherDirection()
    {
        var deputyAway = Window(1, Deputy.Email, new Approver("x@example.com", "X"), 2, 4);
        ApprovalDelegations.Validate(Window(0, "mia@example.com", Deputy, 0, 3), [deputyAway], Now)
            .Should().ContainSingle(e => e.Code == "delegation.delegate_away");

        var miaCovers = Window(1, "boss@example.com", new Approver("mia@example.com", "Mia"), 0, 3);
        ApprovalDelegations.Validate(Window(0, "mia@example.com", Deputy, 1, 2), [miaCovers], Now)
            .Should().ContainSingle(e => e.Code == "delegation.covering");
    }

    [Fact]
    public void Validate_IgnoresTheWindowBeingEdited()
    {
        var existing = Window(7, "mia@example.com", Deputy, 0, 5);
        ApprovalDelegations.Validate(existing with { Until = Now.AddDays(6) }, [existing], Now).Should().BeEmpty();
    }

    [Fact]
    public void RerouteTo_MovesARowToTheDelegateOfAWindowThatStarted_OneHopOnly()
    {
        var windows = new[] { Window(1, "mia@example.com", Deputy, -1, 3), Window(2, "dana@example.com", new Approver("omar@example.com", "Omar"), 5, 9) };

        ApprovalDelegations.RerouteTo("Mia@example.com", null, windows, Now).Should().Be(Deputy);
        ApprovalDelegations.RerouteTo("mia@example.com", "someone@example.com", windows, Now).Should().BeNull("the row already went to a delegate");
        ApprovalDelegations.RerouteTo("mia@example.com", null, windows, Now.AddDays(-2)).Should().BeNull("the window has not started");
        ApprovalDelegations.RerouteTo("dana@example.com", "mia@example.com", windows, Now.AddDays(6)).Should().BeNull("delegations do not chain");
    }
}
