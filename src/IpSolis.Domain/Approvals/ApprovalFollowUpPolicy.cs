namespace IpSolis.Domain.Approvals;

/// <summary>
/// How pending approvals are chased: a reminder every <see cref="ReminderInterval"/> up to
/// <see cref="MaxReminders"/> times (when <see cref="RemindersEnabled"/>), then escalation to
/// <see cref="EscalationContacts"/> (none: no escalation), either by mail only or by assigning them a decision of their
/// own (<see cref="AssignEscalation"/>); and the order is declined when its oldest pending approval waited
/// <see cref="AutoDeclineAfter"/> (null: never).
/// </summary>
public sealed record ApprovalFollowUpPolicy
{
    public bool RemindersEnabled { get; init; } = true;

    public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromHours(24);

    public int MaxReminders { get; init; } = 3;

    public IReadOnlyList<Approver> EscalationContacts { get; init; } = [];

    public bool AssignEscalation { get; init; }

    public TimeSpan? AutoDeclineAfter { get; init; }
}
