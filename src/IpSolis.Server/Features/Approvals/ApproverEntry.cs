namespace IpSolis.Server.Features.Approvals;

/// <summary>An approver as the API reads and shows them: <c>{"email","name"}</c>.</summary>
public sealed record ApproverEntry(string? Email, string? Name);
