using IpSolis.Domain.Approvals;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// One approver's part in one order's approval: who was asked and why (<see cref="Source"/>), the bucket and its
/// quorum frozen when the order was placed (a later change of the type never moves a running approval), and the
/// decision once taken. Superseded rows were closed without a decision.
/// </summary>
public sealed class OrderApproval
{
    public long Id { get; set; }

    public long OrderId { get; set; }

    /// <summary>Lower-cased email: the identity every surface matches the approver on.</summary>
    public required string ApproverEmail { get; set; }

    public string ApproverName { get; set; } = string.Empty;

    public ApprovalSource Source { get; set; }

    /// <summary>The rule that asked, for rule rows.</summary>
    public string? RuleName { get; set; }

    /// <summary>Null for the general bucket; the rule's name for a rule with its own quorum.</summary>
    public string? Bucket { get; set; }

    /// <summary>The bucket's quorum frozen at placement; null or 0 means everyone in it.</summary>
    public int? Threshold { get; set; }

    public ApprovalState Status { get; set; } = ApprovalState.Pending;

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>Who recorded the decision when it was not the approver (a superadmin deciding for them).</summary>
    public string? DecidedBy { get; set; }

    public string? Comment { get; set; }

    /// <summary>The approver this row was meant for when a delegation sent it to <see cref="ApproverEmail"/>.</summary>
    public string? OnBehalfOfEmail { get; set; }

    public string? OnBehalfOfName { get; set; }

    /// <summary>Separation of duties is not checked for this row.</summary>
    public bool SodExempt { get; set; }

    /// <summary>An escalation contact's row: it does not grow its bucket, and its approval alone meets it.</summary>
    public bool Escalation { get; set; }

    public int ReminderCount { get; set; }

    public DateTimeOffset? LastRemindedAt { get; set; }

    public DateTimeOffset? EscalatedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public ApprovalVote Vote => new(Id, Bucket, Threshold, Status, Escalation);

    /// <summary>The row as the follow-up rules (reminders, escalation, auto-decline) see it.</summary>
    public ApprovalWait Wait => new(Id, CreatedAt, ReminderCount, LastRemindedAt, EscalatedAt, Escalation);
}
