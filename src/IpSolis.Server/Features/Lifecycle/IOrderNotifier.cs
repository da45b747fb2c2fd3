using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// Tells people about lifecycle events of their orders. Called inside the transaction that records the event (the
/// reminder stamp and its audit row), so an implementation that sends mail enqueues its job on
/// <paramref name="db"/> and the mail goes out exactly when the stamp commits — once, even when the reminder job
/// runs twice. The notifications issue sends mail through it; the default only logs.
/// </summary>
public interface IOrderNotifier
{
    Task ExpiryReminderAsync(IpSolisDbContext db, ExpiryReminder reminder, CancellationToken cancellationToken);
}
