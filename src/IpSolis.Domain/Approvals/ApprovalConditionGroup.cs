namespace IpSolis.Domain.Approvals;

/// <summary>Combines <paramref name="Clauses"/>: an empty AND holds, an empty OR does not, a NOT has exactly one clause.</summary>
public sealed record ApprovalConditionGroup(ApprovalCombinator Combinator, IReadOnlyList<ApprovalCondition> Clauses) : ApprovalCondition;
