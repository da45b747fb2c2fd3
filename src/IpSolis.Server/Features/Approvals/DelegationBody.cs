namespace IpSolis.Server.Features.Approvals;

/// <summary>The body of <c>POST /api/v1/approval-delegations</c>.</summary>
public sealed record DelegationBody(string? ApproverEmail, string? DelegateEmail, string? DelegateName, DateTimeOffset? From, DateTimeOffset? Until);
