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
/// <c>approvals.auto_decline</c>, hourly: when auto-decline is on, declines every waiting order whose oldest pending
/// approval waited the configured days (<see cref="ApprovalDecisions.DeclineForInactivityAsync"/>): the order is
/// rejected with the configured message, the requester is told, and the decline is audited as the system's.
/// </summary>
internal sealed partial class ApprovalAutoDeclineJob(
    IDbContextFactory<IpSolisDbContext> contexts,
    SettingsStore settings,
    ApprovalDecisions decisions,
    TimeProvider time,
    ILogger<ApprovalAutoDeclineJob> logger) : IJobHandler
{
    public const string Kind = "approvals.auto_decline";

    public const int BatchSize = 1000;

    public static readonly RecurringJob Schedule = new(Kind, "45 * * * *", "UTC", Kind);

    private static readonly AuditActor Actor = AuditActor.System("auto_decline");

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var policy = await ApprovalSettings.FollowUpPolicyAsync(settings, cancellationToken);
        if (policy.AutoDeclineAfter is not { } after)
            return;
        var message = await settings.GetAsync(ApprovalSettings.AutoDeclineMessage, cancellationToken);
        var cutoff = time.GetUtcNow() - after;
        List<long> orders;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            orders = await db.Set<OrderApproval>().AsNoTracking()
                .Where(a => a.Status == ApprovalState.Pending && a.CreatedAt <= cutoff)
                .Join(db.Set<Order>().Where(o => o.Status == OrderStatus.PendingApproval), a => a.OrderId, o => o.Id, (a, o) => o.Id)
                .Distinct()
                .OrderBy(id => id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        var declined = 0;
        foreach (var orderId in orders)
        {
            var result = await decisions.DeclineForInactivityAsync(orderId, policy, string.IsNullOrWhiteSpace(message) ? ApprovalSettings.DefaultAutoDeclineMessage : message, Actor, cancellationToken);
            if (result.Succeeded && result.Value is not null)
                declined++;
        }

        if (declined > 0)
            LogDeclined(logger, declined);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Auto-declined {Count} orders that waited too long for approval")]
    private static partial void LogDeclined(ILogger logger, int count);
}
