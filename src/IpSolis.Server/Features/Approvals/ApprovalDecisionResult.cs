using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Approvals;

/// <summary>What a decision did: the row as decided, where the approval stands and the order's status after it.</summary>
public sealed record ApprovalDecisionResult(OrderApproval Approval, ApprovalOutcome Outcome, OrderStatus OrderStatus);
