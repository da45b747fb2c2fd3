using IpSolis.Domain.Approvals;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// A stored out-of-office delegation: while <see cref="ApproverEmail"/> is away (from <see cref="From"/> up to
/// <see cref="Until"/>), new approvals go to the delegate. Revoked windows are kept for the record.
/// </summary>
public sealed class DelegationWindow
{
    public long Id { get; set; }

    public required string ApproverEmail { get; set; }

    public required string DelegateEmail { get; set; }

    public string DelegateName { get; set; } = string.Empty;

    public DateTimeOffset From { get; set; }

    public DateTimeOffset Until { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public ApprovalDelegation ToDelegation() =>
        new(Id, ApproverEmail, new Approver(DelegateEmail, DelegateName), From, Until, RevokedAt);
}
