namespace IpSolis.Domain.Approvals;

/// <summary>
/// The quorum rules. Rows fall into buckets (the general one and one per rule with its own quorum); an order is
/// approved when every bucket is met. A bucket needs its frozen threshold of approvals, or all of its rows when the
/// threshold is unset, zero or at least its size, and never fewer than one. Once a bucket is met its other pending rows
/// are closed (superseded) so nobody is reminded of a decision no longer needed; a decline vetoes the order and
/// closes every other pending row.
/// </summary>
public static class ApprovalQuorum
{
    /// <summary>The state of every bucket of <paramref name="votes"/>, the general bucket first.</summary>
    public static IReadOnlyList<ApprovalBucketStatus> Buckets(IReadOnlyList<ApprovalVote> votes) =>
        votes.GroupBy(v => v.Bucket, StringComparer.Ordinal)
            .OrderBy(g => g.Key is null ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(Status)
            .ToList();

    /// <summary>Where the order stands with these rows (at placement, or after a row changed outside a decision).</summary>
    public static ApprovalOutcome Evaluate(IReadOnlyList<ApprovalVote> votes)
    {
        if (votes.Any(v => v.State == ApprovalState.Declined))
            return ApprovalOutcome.Rejected;
        return Buckets(votes).All(b => b.Met) ? ApprovalOutcome.Approved : ApprovalOutcome.StillPending;
    }

    /// <summary>
    /// Applies one approver's decision on row <paramref name="voteId"/>. Fails when the row is not pending (decided,
    /// superseded) or not on this order: a decision is taken once.
    /// </summary>
    public static Result<ApprovalDecision> Decide(IReadOnlyList<ApprovalVote> votes, long voteId, bool approve)
    {
        var vote = votes.FirstOrDefault(v => v.Id == voteId);
        if (vote is null)
            return new DomainError("approval.not_found", "This approval is not part of the order.");
        if (vote.State != ApprovalState.Pending)
        {
            return new DomainError("approval.already_decided", vote.State == ApprovalState.Superseded
                ? "This approval is no longer needed: the order was decided without it."
                : $"This approval was already {(vote.State == ApprovalState.Approved ? "approved" : "declined")}.");
        }

        if (Evaluate(votes) != ApprovalOutcome.StillPending)
            return new DomainError("approval.order_decided", "The order's approval is already complete.");

        var others = votes.Where(v => v.Id != voteId && v.State == ApprovalState.Pending).ToList();
        if (!approve)
        {
            var declined = votes.Select(v => v.Id == voteId ? v with { State = ApprovalState.Declined } : v).ToList();
            return new ApprovalDecision(voteId, ApprovalState.Declined, others.Select(v => v.Id).ToList(), ApprovalOutcome.Rejected, Buckets(declined));
        }

        var after = votes.Select(v => v.Id == voteId ? v with { State = ApprovalState.Approved } : v).ToList();
        var buckets = Buckets(after);
        if (buckets.All(b => b.Met))
            return new ApprovalDecision(voteId, ApprovalState.Approved, others.Select(v => v.Id).ToList(), ApprovalOutcome.Approved, buckets);

        var own = buckets.Single(b => string.Equals(b.Bucket, vote.Bucket, StringComparison.Ordinal));
        var closed = own.Met ? others.Where(v => string.Equals(v.Bucket, vote.Bucket, StringComparison.Ordinal)).Select(v => v.Id).ToList() : [];
        return new ApprovalDecision(voteId, ApprovalState.Approved, closed, ApprovalOutcome.StillPending, buckets);
    }

    private static ApprovalBucketStatus Status(IGrouping<string?, ApprovalVote> bucket)
    {
        // Rows closed without a decision (the approver left, the bucket was already met) no longer count.
        var members = bucket.Where(v => !v.Escalation && v.State != ApprovalState.Superseded).ToList();
        var approved = bucket.Count(v => !v.Escalation && v.State == ApprovalState.Approved);
        var threshold = bucket.Select(v => v.Threshold).FirstOrDefault(t => t is not null);
        var size = members.Count;
        var required = threshold is { } t && t > 0 && t < size ? t : size;
        var escalated = bucket.Any(v => v.Escalation && v.State == ApprovalState.Approved);
        // At least one approval, always: a bucket whose approvers all left is not met by default (that would approve
        // the order with nobody's consent); it waits for escalation or auto-decline instead.
        return new ApprovalBucketStatus(bucket.Key, approved, Math.Max(required, 1), escalated || (approved > 0 && approved >= required));
    }
}
