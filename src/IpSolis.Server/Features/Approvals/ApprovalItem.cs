using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Approvals;

/// <summary>One approval row with what its approver needs to decide: the order's facts and justification.</summary>
public sealed record ApprovalItem(
    OrderApproval Approval,
    long OrderId,
    OrderStatus OrderStatus,
    string AssetTypeName,
    string RequesterEmail,
    string RequesterName,
    string? OwnerEmail,
    DateTimeOffset RequestedFrom,
    DateTimeOffset RequestedUntil,
    string? Justification,
    string AttributesJson);
