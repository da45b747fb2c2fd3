namespace IpSolis.Server.Features.Approvals;

/// <summary>The body of a decision through the API: <c>{"decision":"approve|decline","comment":"..."}</c>.</summary>
public sealed record ApprovalDecisionBody(string? Decision, string? Comment);
