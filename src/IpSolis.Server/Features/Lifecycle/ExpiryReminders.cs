using IpSolis.Domain;
using IpSolis.Domain.Lifecycle;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// <c>orders.remind_expiry</c>, hourly: tells the holders of active orders whose end is within their type's
/// reminder days, once per order and window (<see cref="ReminderRules"/>). Only provision orders are reminded, with
/// their own current end (a delivered change moves it), so nobody gets a reminder for a stale date or one per
/// change (§11 item 20). The stamp, its audit row and the notifier's work commit in one transaction per order, so a
/// second run of the job (or a second node) never reminds twice.
/// </summary>
internal sealed partial class ExpiryReminders(
    IDbContextFactory<IpSolisDbContext> contexts,
    IAuditTrail audit,
    IOrderNotifier notifier,
    TimeProvider time,
    ILogger<ExpiryReminders> logger) : IJobHandler
{
    public const string Kind = "orders.remind_expiry";

    /// <summary>Reminders sent per run at most; the rest go out an hour later.</summary>
    public const int BatchSize = 500;

    private const int PageSize = 500;

    public static readonly RecurringJob Schedule = new(Kind, "7 * * * *", "UTC", Kind);

    private static readonly AuditActor Actor = AuditActor.System(Kind);

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<AssetType> types;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            types = await db.Set<AssetType>().AsNoTracking().Where(t => t.ReminderDays > 0).OrderBy(t => t.Id).ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var type in types)
        {
            var days = type.ReminderDays!.Value;
            foreach (var orderId in await DueAsync(type.Id, days, now, BatchSize - sent, cancellationToken))
            {
                if (await RemindAsync(orderId, type, days, now, cancellationToken))
                    sent++;
            }

            if (sent >= BatchSize)
                break;
        }

        if (sent > 0)
            LogSent(logger, sent);
    }

    /// <summary>
    /// Active orders of the type ending within the window and not yet reminded in it, at most <paramref name="limit"/>.
    /// The "not reminded in this window" part compares the stamp with each order's own window, so it is decided
    /// here, page by page, rather than in SQL.
    /// </summary>
    private async Task<List<long>> DueAsync(long typeId, int days, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = new List<long>();
        var horizon = now.AddDays(days);
        var after = 0L;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (due.Count < limit)
        {
            var page = await db.Set<Order>().AsNoTracking()
                .Where(o => o.AssetTypeId == typeId && o.Status == OrderStatus.Provisioned && o.Action == OrderAction.Provision
                    && o.RequestedUntil > now && o.RequestedUntil <= horizon && o.Id > after)
                .OrderBy(o => o.Id)
                .Select(o => new { o.Id, o.RequestedUntil, o.ExpiryReminderSentAt })
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            due.AddRange(page.Where(o => ReminderRules.IsDue(now, o.RequestedUntil, days, o.ExpiryReminderSentAt)).Select(o => o.Id));
            if (page.Count < PageSize)
                break;
            after = page[^1].Id;
        }

        return due.Take(limit).ToList();
    }

    private async Task<bool> RemindAsync(long orderId, AssetType type, int days, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        // Reminded, returned or moved since the list was read.
        if (order is null || order.Status != OrderStatus.Provisioned || !ReminderRules.IsDue(now, order.RequestedUntil, days, order.ExpiryReminderSentAt))
            return false;

        var recipients = new List<string> { order.RequesterEmail };
        if (order.OwnerEmail is { Length: > 0 } owner && !string.Equals(owner, order.RequesterEmail, StringComparison.OrdinalIgnoreCase))
            recipients.Add(owner);
        var previous = order.ExpiryReminderSentAt;
        order.ExpiryReminderSentAt = now;
        order.UpdatedAt = now;
        await notifier.ExpiryReminderAsync(db, new ExpiryReminder(order, type, recipients, order.RequestedUntil, order.RequestedUntil - now), cancellationToken);
        audit.Record(db, Actor, new AuditEvent(
            "order.expiry_reminder_sent", "order", OrderFacts.Id(order.Id),
            new { expiryReminderSentAt = previous },
            new
            {
                expiryReminderSentAt = now,
                until = order.RequestedUntil,
                hoursRemaining = (int)Math.Floor((order.RequestedUntil - now).TotalHours),
                recipients,
                status = WireName<OrderStatus>.Of(order.Status),
            },
            order.Classification));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} expiry reminders")]
    private static partial void LogSent(ILogger logger, int count);
}
