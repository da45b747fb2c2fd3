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
/// <c>approvals.follow_up</c>, hourly: reminds approvers of pending rows every N hours up to M times, then escalates
/// each row once (<see cref="ApprovalFollowUps.Next"/>): notify-only mails the escalation contacts a link to the
/// order; assign gives each contact an escalation row of their own in the row's bucket, whose approval alone meets
/// it. One transaction per row, under the order's lock, re-checking what is due, so a second run or a second node
/// never reminds twice, and a decision taken meanwhile wins. Every reminder and escalation is audited.
/// </summary>
internal sealed partial class ApprovalFollowUpJob(
    IDbContextFactory<IpSolisDbContext> contexts,
    SettingsStore settings,
    ApprovalLinks links,
    IApprovalNotifier notifier,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<ApprovalFollowUpJob> logger) : IJobHandler
{
    public const string Kind = "approvals.follow_up";

    /// <summary>Rows followed up per run at most; the rest wait for the next hour.</summary>
    public const int BatchSize = 1000;

    public static readonly RecurringJob Schedule = new(Kind, "15 * * * *", "UTC", Kind);

    private static readonly AuditActor Actor = AuditActor.System(Kind);

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var policy = await ApprovalSettings.FollowUpPolicyAsync(settings, cancellationToken);
        var cutoff = now - policy.ReminderInterval;
        List<long> due;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Pending rows of waiting orders whose interval has passed; the rules decide the rest per row.
            due = await db.Set<OrderApproval>().AsNoTracking()
                .Where(a => a.Status == ApprovalState.Pending && a.EscalatedAt == null
                    && ((a.LastRemindedAt == null && a.CreatedAt <= cutoff) || a.LastRemindedAt <= cutoff))
                .Join(db.Set<Order>().Where(o => o.Status == OrderStatus.PendingApproval), a => a.OrderId, o => o.Id, (a, o) => a.Id)
                .OrderBy(id => id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        int reminded = 0, escalated = 0;
        foreach (var id in due)
        {
            switch (await FollowUpAsync(id, policy, now, cancellationToken))
            {
                case ApprovalFollowUp.Remind: reminded++; break;
                case ApprovalFollowUp.Escalate: escalated++; break;
            }
        }

        if (reminded + escalated > 0)
            LogFollowedUp(logger, reminded, escalated);
    }

    private async Task<ApprovalFollowUp> FollowUpAsync(long approvalId, ApprovalFollowUpPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var orderId = await db.Set<OrderApproval>().Where(a => a.Id == approvalId).Select(a => a.OrderId).FirstAsync(cancellationToken);
        var order = await OrderRows.FindForUpdateAsync(db, orderId, cancellationToken);
        var rows = await db.Set<OrderApproval>().Where(a => a.OrderId == orderId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var row = rows.Single(r => r.Id == approvalId);
        // Decided, superseded or followed up since the list was read.
        if (order is null || order.Status != OrderStatus.PendingApproval || row.Status != ApprovalState.Pending)
            return ApprovalFollowUp.None;
        var next = ApprovalFollowUps.Next(row.Wait, policy, now);
        var lifetime = await settings.GetAsync(ApprovalSettings.LinkLifetimeDays, cancellationToken);
        switch (next)
        {
            case ApprovalFollowUp.Remind:
                var previous = row.ReminderCount;
                row.ReminderCount++;
                row.LastRemindedAt = now;
                await notifier.ApprovalReminderAsync(db, row, "/approve/" + links.Issue(row.Id, row.ApproverEmail, now.AddDays(lifetime)), cancellationToken);
                audit.Record(db, Actor, new AuditEvent("approval.reminded", "order_approval", Id(row.Id),
                    new { reminderCount = previous },
                    new { orderId, approver = row.ApproverEmail, reminderCount = row.ReminderCount, remindedAt = now },
                    order.Classification));
                break;
            case ApprovalFollowUp.Escalate:
                row.EscalatedAt = now;
                List<OrderApproval> assigned = [];
                if (policy.AssignEscalation)
                {
                    var contacts = ApprovalFollowUps.ContactsToAssign(policy.EscalationContacts, row.Bucket,
                        rows.Select(r => (r.ApproverEmail, r.Bucket, r.Escalation)));
                    assigned = contacts.Select(c => new OrderApproval
                    {
                        OrderId = orderId,
                        ApproverEmail = c.Key,
                        ApproverName = c.Name,
                        Source = ApprovalSource.Escalation,
                        RuleName = row.RuleName,
                        Bucket = row.Bucket,
                        Threshold = row.Threshold,
                        Escalation = true,
                        CreatedAt = now,
                    }).ToList();
                    db.AddRange(assigned);
                    await db.SaveChangesAsync(cancellationToken);
                    foreach (var added in assigned)
                        await notifier.EscalationAssignedAsync(db, added, row, "/approve/" + links.Issue(added.Id, added.ApproverEmail, now.AddDays(lifetime)), cancellationToken);
                }
                else
                {
                    await notifier.ApprovalEscalatedAsync(db, row, policy.EscalationContacts, "/ui/orders/" + Id(orderId), cancellationToken);
                }

                audit.Record(db, Actor, new AuditEvent("approval.escalated", "order_approval", Id(row.Id),
                    new { escalatedAt = (DateTimeOffset?)null },
                    new
                    {
                        orderId,
                        approver = row.ApproverEmail,
                        reminderCount = row.ReminderCount,
                        escalatedAt = now,
                        mode = policy.AssignEscalation ? "assign" : "notify",
                        contacts = policy.EscalationContacts.Select(c => c.Key).ToList(),
                        assignedRows = assigned.Select(a => a.Id).ToList(),
                    },
                    order.Classification));
                break;
            default:
                return ApprovalFollowUp.None;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval follow-up: {Reminded} reminders sent, {Escalated} approvals escalated")]
    private static partial void LogFollowedUp(ILogger logger, int reminded, int escalated);
}
