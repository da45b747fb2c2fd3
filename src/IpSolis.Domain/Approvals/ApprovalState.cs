namespace IpSolis.Domain.Approvals;

/// <summary>Where one approver's row stands. Superseded rows were closed without a decision: their bucket or the
/// whole order no longer needed them, another approver declined, or the approver left.</summary>
public enum ApprovalState
{
    Pending,
    Approved,
    Declined,
    Superseded,
}
