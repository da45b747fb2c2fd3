namespace IpSolis.Domain.Approvals;

/// <summary>
/// Compares the order fact named <paramref name="Field"/> (<see cref="ApprovalFields"/>) with <paramref name="Value"/>.
/// For <see cref="ApprovalOperator.In"/> the value is a comma-separated list.
/// </summary>
public sealed record ApprovalClause(string Field, ApprovalOperator Operator, string Value) : ApprovalCondition;
