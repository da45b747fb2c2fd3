using IpSolis.Domain.Approvals;

namespace IpSolis.Domain.Tests.Approvals;

public sealed class ApprovalQuorumTests
{
    private static ApprovalVote Pending(long id, string? bucket = null, int? threshold = null) => new(id, bucket, threshold, ApprovalState.Pending);

    [Fact]
    public void GeneralBucketWithoutQuorum_NeedsEveryone()
    {
        var votes = new[] { Pending(1), Pending(2) };
        var first = ApprovalQuorum.Decide(votes, 1, approve: true).Value;
        first.Outcome.Should().Be(ApprovalOutcome.StillPending);
        first.Superseded.Should().BeEmpty();

        var second = ApprovalQuorum.Decide([votes[0] with { State = ApprovalState.Approved }, votes[1]], 2, approve: true).Value;
        second.Outcome.Should().Be(ApprovalOutcome.Approved);
    }

    [Fact]
    public void TwoOfTwenty_ApprovesOnTheSecond_AndClosesTheOtherEighteen()
    {
        var votes = Enumerable.Range(1, 20).Select(i => Pending(i, threshold: 2)).ToList();
        ApprovalQuorum.Decide(votes, 5, true).Value.Outcome.Should().Be(ApprovalOutcome.StillPending);
        votes[4] = votes[4] with { State = ApprovalState.Approved };

        var decision = ApprovalQuorum.Decide(votes, 9, true).Value;
        decision.Outcome.Should().Be(ApprovalOutcome.Approved);
        decision.Superseded.Should().HaveCount(18).And.NotContain([5L, 9L]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void ThresholdUnsetZeroOrAtLeastTheSize_MeansEveryone(int threshold)
    {
        var votes = new[] { Pending(1, threshold: threshold), Pending(2, threshold: threshold), Pending(3, threshold: threshold) };
        ApprovalQuorum.Buckets(votes).Single().Required.Should().Be(3);
    }

    [Fact]
    public void RuleBucket_MetFirst_ClosesOnlyItsOwnRows()
    {
        var votes = new[] { Pending(1), Pending(2, "High cost", 1), Pending(3, "High cost", 1) };
        var decision = ApprovalQuorum.Decide(votes, 2, true).Value;
        decision.Outcome.Should().Be(ApprovalOutcome.StillPending, "the manager has not approved yet");
        decision.Superseded.Should().Equal(3L);
        decision.Buckets.Should().HaveCount(2);
        decision.Buckets[0].Bucket.Should().BeNull("the general bucket comes first");
        decision.Buckets[1].Met.Should().BeTrue();
    }

    [Fact]
    public void EveryBucketMustBeMet()
    {
        var votes = new[] { Pending(1) with { State = ApprovalState.Approved }, Pending(2, "PII", 1) };
        ApprovalQuorum.Evaluate(votes).Should().Be(ApprovalOutcome.StillPending);
        ApprovalQuorum.Decide(votes, 2, true).Value.Outcome.Should().Be(ApprovalOutcome.Approved);
    }

    [Fact]
    public void Decline_VetoesTheOrder_AndClosesEveryOtherPendingRow()
    {
        var votes = new[] { Pending(1), Pending(2, "R", 1), Pending(3, threshold: null) with { State = ApprovalState.Approved }, Pending(4) };
        var decision = ApprovalQuorum.Decide(votes, 1, approve: false).Value;
        decision.NewState.Should().Be(ApprovalState.Declined);
        decision.Outcome.Should().Be(ApprovalOutcome.Rejected);
        decision.Superseded.Should().BeEquivalentTo([2L, 4L]);
    }

    [Fact]
    public void ADecidedOrSupersededRow_CannotBeDecidedAgain()
    {
        var votes = new[] { Pending(1) with { State = ApprovalState.Approved }, Pending(2) with { State = ApprovalState.Superseded }, Pending(3) };
        ApprovalQuorum.Decide(votes, 1, true).Errors.Should().ContainSingle(e => e.Code == "approval.already_decided");
        ApprovalQuorum.Decide(votes, 2, false).Errors.Should().ContainSingle(e => e.Code == "approval.already_decided");
        ApprovalQuorum.Decide(votes, 99, true).Errors.Should().ContainSingle(e => e.Code == "approval.not_found");
    }

    [Fact]
    public void AnOrderAlreadyDeclined_TakesNoFurtherDecision()
    {
        var votes = new[] { Pending(1) with { State = ApprovalState.Declined }, Pending(2) };
        ApprovalQuorum.Decide(votes, 2, true).Errors.Should().ContainSingle(e => e.Code == "approval.order_decided");
    }

    [Fact]
    public void AnEscalationContact_MeetsTheBucketAlone_WithoutGrowingIt()
    {
        var votes = new[] { Pending(1), Pending(2), new ApprovalVote(3, null, null, ApprovalState.Pending, Escalation: true) };
        ApprovalQuorum.Buckets(votes).Single().Required.Should().Be(2);
        var decision = ApprovalQuorum.Decide(votes, 3, true).Value;
        decision.Outcome.Should().Be(ApprovalOutcome.Approved);
        decision.Superseded.Should().BeEquivalentTo([1L, 2L]);
    }

    [Fact]
    public void ARowSupersededBecauseTheApproverLeft_NoLongerCounts()
    {
        var votes = new[] { Pending(1), Pending(2) with { State = ApprovalState.Superseded } };
        ApprovalQuorum.Decide(votes, 1, true).Value.Outcome.Should().Be(ApprovalOutcome.Approved);
    }

    [Fact]
    public void ABucketWhoseApproversAllLeft_IsNotMetByDefault()
    {
        var votes = new[] { Pending(1) with { State = ApprovalState.Superseded }, Pending(2, "R", 1) with { State = ApprovalState.Approved } };
        ApprovalQuorum.Evaluate(votes).Should().Be(ApprovalOutcome.StillPending);
        ApprovalQuorum.Buckets(votes)[0].Should().Match<ApprovalBucketStatus>(b => !b.Met && b.Required == 1);
    }

    [Fact]
    public void OnlyRowsApprovedAtCreation_ApproveTheOrderAtOnce()
    {
        ApprovalQuorum.Evaluate([Pending(1) with { State = ApprovalState.Approved }]).Should().Be(ApprovalOutcome.Approved);
    }
}
