namespace IpSolis.Domain.Approvals;

/// <summary>
/// What one decision changes: the decided row's new state, the pending rows it closes (<see cref="Superseded"/>),
/// and where the order goes. Apply all of it in the transaction that holds the order's lock.
/// </summary>
public sealed record ApprovalDecision(
    long VoteId,
    ApprovalState NewState,
    IReadOnlyList<long> Superseded,
    ApprovalOutcome Outcome,
    IReadOnlyList<ApprovalBucketStatus> Buckets);
