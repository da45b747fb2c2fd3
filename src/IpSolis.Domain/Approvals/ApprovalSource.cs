namespace IpSolis.Domain.Approvals;

/// <summary>Why an approver was asked: the routing step that added the row.</summary>
public enum ApprovalSource
{
    /// <summary>The manager of the person the asset is for.</summary>
    Manager,

    /// <summary>An application owner of the asset type.</summary>
    Owner,

    /// <summary>A conditional rule that matched the order.</summary>
    Rule,

    /// <summary>The compliance officer, for classified data.</summary>
    ComplianceOfficer,

    /// <summary>An owner of record, for classified data.</summary>
    OwnerOfRecord,

    /// <summary>An escalation contact, assigned when reminders ran out.</summary>
    Escalation,
}
