namespace IpSolis.Domain.Approvals;

/// <summary>
/// While <paramref name="ApproverEmail"/> is away (from <paramref name="From"/> up to, not including,
/// <paramref name="Until"/>), their approvals go to <paramref name="Delegate"/>. A revoked delegation no longer applies.
/// </summary>
public sealed record ApprovalDelegation(long Id, string ApproverEmail, Approver Delegate, DateTimeOffset From, DateTimeOffset Until, DateTimeOffset? RevokedAt = null)
{
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && From <= now && now < Until;

    /// <summary>Whether this window and <paramref name="other"/>'s share any moment (revoked ones share none).</summary>
    public bool Overlaps(ApprovalDelegation other) =>
        RevokedAt is null && other.RevokedAt is null && From < other.Until && other.From < Until;
}
