using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// Tells people about lifecycle events of their orders. Called inside the transaction that records the event (the
/// reminder stamp, the order's new status, and its audit row), so an implementation that sends mail enqueues its
/// work on <paramref name="db"/> and the mail goes out exactly when the change commits — once, even when the job
/// that made the change runs twice. The notifications feature sends mail through it; the default only logs the
/// reminders (the other events default to nothing).
/// </summary>
public interface IOrderNotifier
{
    Task ExpiryReminderAsync(IpSolisDbContext db, ExpiryReminder reminder, CancellationToken cancellationToken);

    /// <summary>A new provision order was placed (whatever its first status): confirm it to the requester and owner.</summary>
    Task OrderPlacedAsync(IpSolisDbContext db, Order order, AssetType type, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A provision order is provisioned or a change order delivered. <paramref name="assetName"/> is the asset it got, if any.</summary>
    Task OrderDeliveredAsync(IpSolisDbContext db, Order order, AssetType type, string? assetName, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A provision or change order failed for good (its run gave up).</summary>
    Task OrderFailedAsync(IpSolisDbContext db, Order order, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An order's end passed: it expired and its asset is being taken back.</summary>
    Task OrderExpiredAsync(IpSolisDbContext db, Order order, CancellationToken cancellationToken) => Task.CompletedTask;
}
