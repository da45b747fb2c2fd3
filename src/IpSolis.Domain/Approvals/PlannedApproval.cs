namespace IpSolis.Domain.Approvals;

/// <summary>
/// One approval row to create for a new order. <paramref name="OnBehalfOf"/> is the approver it was meant for when a
/// delegation sent it to someone else. <paramref name="PreApproved"/> rows are created approved (the recipient's own
/// manager placed the order).
/// </summary>
public sealed record PlannedApproval(
    Approver Approver,
    ApprovalSource Source,
    string? Bucket,
    int? Threshold,
    bool SodExempt,
    string? RuleName = null,
    Approver? OnBehalfOf = null,
    bool PreApproved = false);
