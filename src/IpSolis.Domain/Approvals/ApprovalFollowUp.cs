namespace IpSolis.Domain.Approvals;

/// <summary>What is due for one pending approval row now.</summary>
public enum ApprovalFollowUp
{
    /// <summary>Nothing yet (or nothing ever again: reminders ran out and nobody is there to escalate to).</summary>
    None,

    /// <summary>Remind the approver (reminder number <c>ReminderCount + 1</c>).</summary>
    Remind,

    /// <summary>Reminders ran out: escalate to the escalation contacts, once.</summary>
    Escalate,
}
