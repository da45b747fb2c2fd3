namespace IpSolis.Domain.Approvals;

/// <summary>
/// When pending approvals are chased. A row is reminded when a whole interval passed since it was created or last
/// reminded, up to the maximum; once the maximum is reached and another interval passed (the last reminder gets its
/// time too), it is escalated once, if there is anyone to escalate to. An escalation contact's own row is reminded
/// but never escalated further. An order is declined when its oldest pending row has waited the auto-decline time.
/// Times are passed in; nothing here reads a clock.
/// </summary>
public static class ApprovalFollowUps
{
    public const int MaxRemindersLimit = 20;

    /// <summary>What is due for <paramref name="row"/> at <paramref name="now"/> under <paramref name="policy"/>.</summary>
    public static ApprovalFollowUp Next(ApprovalWait row, ApprovalFollowUpPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(policy);
        if (row.EscalatedAt is not null || policy.ReminderInterval <= TimeSpan.Zero)
            return ApprovalFollowUp.None;
        var waitedSince = row.LastRemindedAt ?? row.CreatedAt;
        if (now - waitedSince < policy.ReminderInterval)
            return ApprovalFollowUp.None;

        var maxReminders = policy.RemindersEnabled ? Math.Max(0, policy.MaxReminders) : 0;
        if (row.ReminderCount < maxReminders)
            return ApprovalFollowUp.Remind;
        return !row.Escalation && policy.EscalationContacts.Count > 0 ? ApprovalFollowUp.Escalate : ApprovalFollowUp.None;
    }

    /// <summary>
    /// The escalation contacts to assign for a row in <paramref name="bucket"/>: every contact who does not already hold
    /// an escalation row in that bucket (<paramref name="existing"/> are the order's rows as (email key, bucket,
    /// escalation)). An escalation row alone meets its bucket, so one per contact and bucket is enough.
    /// </summary>
    public static IReadOnlyList<Approver> ContactsToAssign(
        IReadOnlyList<Approver> contacts, string? bucket, IEnumerable<(string ApproverKey, string? Bucket, bool Escalation)> existing)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var holding = existing
            .Where(e => e.Escalation && string.Equals(e.Bucket, bucket, StringComparison.Ordinal))
            .Select(e => e.ApproverKey.Trim().ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        return contacts.Where(c => c.Key.Length > 0 && holding.Add(c.Key)).ToList();
    }

    /// <summary>
    /// Whether the order whose pending rows are <paramref name="pending"/> is declined now for want of a decision: its
    /// oldest pending row has waited at least <see cref="ApprovalFollowUpPolicy.AutoDeclineAfter"/>. Returns that row.
    /// </summary>
    public static ApprovalWait? AutoDeclineDue(IEnumerable<ApprovalWait> pending, ApprovalFollowUpPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.AutoDeclineAfter is not { } after || after <= TimeSpan.Zero)
            return null;
        var oldest = pending.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).FirstOrDefault();
        return oldest is not null && now - oldest.CreatedAt >= after ? oldest : null;
    }
}
