namespace IpSolis.Server.Features.Approvals;

/// <summary>The sample order of <c>POST /api/v1/asset-types/{id}/approval-preview</c>.</summary>
public sealed record ApprovalPreviewBody(
    string? RequesterEmail,
    string? OwnerEmail,
    int? DurationDays,
    decimal? MonthlyCost,
    Dictionary<string, string>? Attributes);
