namespace IpSolis.Domain.Approvals;

/// <summary>
/// One approval row as the quorum sees it. <paramref name="Bucket"/> is null for the general bucket (manager, owners,
/// classification, rules without their own quorum) or the name of a rule with its own quorum.
/// <paramref name="Threshold"/> is the bucket's quorum frozen when the order was placed (null or 0: everyone).
/// An escalation row (<paramref name="Escalation"/>) does not grow its bucket, and its approval alone meets it.
/// </summary>
public sealed record ApprovalVote(long Id, string? Bucket, int? Threshold, ApprovalState State, bool Escalation = false);
