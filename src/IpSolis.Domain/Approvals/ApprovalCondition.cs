namespace IpSolis.Domain.Approvals;

/// <summary>
/// When an approval rule applies to an order: a clause comparing one fact (<see cref="ApprovalClause"/>) or a group
/// combining conditions (<see cref="ApprovalConditionGroup"/>). Checked by <see cref="ApprovalConditions.Validate"/>
/// when a rule is saved and evaluated by <see cref="ApprovalConditions.Matches"/> when an order is placed.
/// </summary>
public abstract record ApprovalCondition;
