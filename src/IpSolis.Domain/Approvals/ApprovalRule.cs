namespace IpSolis.Domain.Approvals;

/// <summary>
/// A conditional approval rule of an asset type: when <paramref name="Condition"/> holds, each of
/// <paramref name="Approvers"/> is asked. With <paramref name="Quorum"/> the rule's approvers form a bucket of their
/// own that needs that many approvals; <paramref name="SodExempt"/> lets the type's own configurers approve.
/// </summary>
public sealed record ApprovalRule(string Name, ApprovalCondition Condition, IReadOnlyList<Approver> Approvers, int? Quorum = null, bool SodExempt = false);
