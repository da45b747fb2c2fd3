namespace IpSolis.Server.Features.Approvals;

/// <summary>One approver the sample order would ask: in which bucket (null: the general one), with which quorum,
/// and why (<see cref="Reason"/>, in words).</summary>
public sealed record ApprovalPreviewRow(
    string Email,
    string Name,
    string Source,
    string? Bucket,
    int? Quorum,
    string? Rule,
    string? OnBehalfOf,
    bool ApprovedAtOnce,
    string Reason);
