namespace IpSolis.Domain.Approvals;

/// <summary>
/// One pending approval row as the follow-up rules see it: when it was created, how often and when its approver was
/// last reminded, whether it was escalated, and whether it is itself an escalation contact's row.
/// </summary>
public sealed record ApprovalWait(
    long Id,
    DateTimeOffset CreatedAt,
    int ReminderCount,
    DateTimeOffset? LastRemindedAt,
    DateTimeOffset? EscalatedAt,
    bool Escalation = false);
