using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// The default notifier until mail exists: writes one log line per reminder. The reminder itself is recorded in
/// the audit log by the reminder job (<c>order.expiry_reminder_sent</c>), whatever notifier is plugged in.
/// </summary>
internal sealed partial class LoggedOrderNotifier(ILogger<LoggedOrderNotifier> logger) : IOrderNotifier
{
    public Task ExpiryReminderAsync(IpSolisDbContext db, ExpiryReminder reminder, CancellationToken cancellationToken)
    {
        LogReminder(logger, reminder.Order.Id, reminder.Type.Name, reminder.Until, string.Join(", ", reminder.Recipients));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry reminder for order {OrderId} ({AssetType}) ending {Until:u}, to {Recipients}")]
    private static partial void LogReminder(ILogger logger, long orderId, string assetType, DateTimeOffset until, string recipients);
}
