namespace IpSolis.Domain.Lifecycle;

/// <summary>
/// When an active order's holder is reminded of its end: once the end is at most the type's reminder days away
/// (and still ahead), and only if no reminder went out in this window. A reminder stamped before the window opened
/// belongs to an earlier end (the order was extended since), so the new window reminds again.
/// </summary>
public static class ReminderRules
{
    /// <summary>When the reminder window for an order ending at <paramref name="until"/> opens.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset until, int reminderDays) => until.AddDays(-reminderDays);

    /// <param name="reminderDays">The type's reminder days; null or 0 means it sends no reminders.</param>
    /// <param name="sentAt">When the order's last reminder went out, or null.</param>
    public static bool IsDue(DateTimeOffset now, DateTimeOffset until, int? reminderDays, DateTimeOffset? sentAt)
    {
        if (reminderDays is not { } days || days <= 0 || until <= now)
            return false;
        var opens = WindowStart(until, days);
        return now >= opens && (sentAt is null || sentAt < opens);
    }
}
