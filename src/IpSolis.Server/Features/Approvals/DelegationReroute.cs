using System.Globalization;
using IpSolis.Domain.Approvals;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// <c>approvals.reroute_delegations</c>, every five minutes and at once when a window is saved that has already
/// started: moves the pending rows of approvers who are away to their delegate (<see cref="ApprovalDelegations.RerouteTo"/>:
/// one hop, never on from a row that already reached a delegate), tells the delegate with a one-click link of their
/// own (the absent approver's link stops working, since it names them), and audits each move. The row keeps who it
/// was meant for, so the decision records "on behalf of". One transaction per order, under its lock.
/// </summary>
internal sealed partial class DelegationReroute(
    IDbContextFactory<IpSolisDbContext> contexts,
    SettingsStore settings,
    ApprovalLinks links,
    IApprovalNotifier notifier,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<DelegationReroute> logger) : IJobHandler
{
    public const string Kind = "approvals.reroute_delegations";

    public static readonly RecurringJob Schedule = new(Kind, "*/5 * * * *", "UTC", Kind);

    private static readonly AuditActor Actor = AuditActor.System(Kind);

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        List<ApprovalDelegation> running;
        List<long> orders;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            running = (await db.Set<DelegationWindow>().AsNoTracking()
                    .Where(d => d.RevokedAt == null && d.From <= now && d.Until > now)
                    .ToListAsync(cancellationToken))
                .Select(d => d.ToDelegation()).ToList();
            if (running.Count == 0)
                return;
            var away = running.Select(d => d.ApproverEmail.Trim().ToLowerInvariant()).Distinct().ToList();
            orders = await db.Set<OrderApproval>().AsNoTracking()
                .Where(a => a.Status == ApprovalState.Pending && a.OnBehalfOfEmail == null && away.Contains(a.ApproverEmail))
                .Join(db.Set<Order>().Where(o => o.Status == OrderStatus.PendingApproval), a => a.OrderId, o => o.Id, (a, o) => o.Id)
                .Distinct().OrderBy(id => id).Take(1000)
                .ToListAsync(cancellationToken);
        }

        var moved = 0;
        foreach (var orderId in orders)
            moved += await RerouteAsync(orderId, running, now, cancellationToken);
        if (moved > 0)
            LogRerouted(logger, moved);
    }

    private async Task<int> RerouteAsync(long orderId, IReadOnlyList<ApprovalDelegation> running, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        if (order is null || order.Status != OrderStatus.PendingApproval)
            return 0;
        var rows = await db.Set<OrderApproval>().Where(a => a.OrderId == orderId && a.Status == ApprovalState.Pending).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var lifetime = await settings.GetAsync(ApprovalSettings.LinkLifetimeDays, cancellationToken);
        var moved = 0;
        foreach (var row in rows)
        {
            if (ApprovalDelegations.RerouteTo(row.ApproverEmail, row.OnBehalfOfEmail, running, now) is not { } stand)
                continue;
            var from = new { approver = row.ApproverEmail, reminderCount = row.ReminderCount };
            row.OnBehalfOfEmail = row.ApproverEmail;
            row.OnBehalfOfName = row.ApproverName;
            row.ApproverEmail = stand.Key;
            row.ApproverName = string.IsNullOrWhiteSpace(stand.Name) ? stand.Key : stand.Name;
            // The delegate's reminders count from now.
            row.ReminderCount = 0;
            row.LastRemindedAt = now;
            await notifier.ApprovalRequestedAsync(db, row, "/approve/" + links.Issue(row.Id, row.ApproverEmail, now.AddDays(lifetime)), cancellationToken);
            audit.Record(db, Actor, new AuditEvent("approval.rerouted", "order_approval", row.Id.ToString(CultureInfo.InvariantCulture),
                from, new { orderId, approver = row.ApproverEmail, onBehalfOf = row.OnBehalfOfEmail }, order.Classification));
            moved++;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return moved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-routed {Count} pending approvals to delegates")]
    private static partial void LogRerouted(ILogger logger, int count);
}
