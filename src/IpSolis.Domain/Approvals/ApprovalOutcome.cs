namespace IpSolis.Domain.Approvals;

/// <summary>Where a decision leaves the order.</summary>
public enum ApprovalOutcome
{
    /// <summary>Some bucket still waits for approvals.</summary>
    StillPending,

    /// <summary>Every bucket is met: the order goes on to be scheduled or provisioned.</summary>
    Approved,

    /// <summary>Someone declined: the order is rejected.</summary>
    Rejected,
}
