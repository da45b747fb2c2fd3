namespace IpSolis.Server.Features.Approvals;

/// <summary>What a verified one-click link grants: deciding approval row <paramref name="ApprovalId"/> as
/// <paramref name="ApproverEmail"/>, until <paramref name="ExpiresAt"/>.</summary>
public sealed record ApprovalLink(long ApprovalId, string ApproverEmail, DateTimeOffset ExpiresAt);
