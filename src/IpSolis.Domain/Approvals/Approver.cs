namespace IpSolis.Domain.Approvals;

/// <summary>A person who may decide: their email (the identity decisions are matched on) and display name.</summary>
public sealed record Approver(string Email, string Name)
{
    /// <summary>The email as decisions match it: trimmed, lower case.</summary>
    public string Key => Email.Trim().ToLowerInvariant();
}
