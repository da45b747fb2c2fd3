using System.Globalization;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Notifications;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// Asks an approver through the notifications outbox: the <c>approval_request</c> mail with the signed one-click
/// link, and the same request as a Teams/Slack card where those are switched on. Runs in the placement transaction,
/// so the messages exist exactly when the order and its approval rows commit.
/// </summary>
internal sealed class MailApprovalNotifier(NotificationOutbox outbox, SettingsStore settings) : IApprovalNotifier
{
    public async Task ApprovalRequestedAsync(IpSolisDbContext db, OrderApproval approval, string linkPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(approval);
        // Both are tracked by the placement transaction already: these finds read no row from the database.
        var order = await db.Set<Order>().FindAsync([approval.OrderId], cancellationToken)
            ?? throw new InvalidOperationException($"Order {approval.OrderId} of approval {approval.Id} is not in this transaction.");
        var type = await db.Set<AssetType>().FindAsync([order.AssetTypeId], cancellationToken)
            ?? throw new InvalidOperationException($"Asset type {order.AssetTypeId} of order {order.Id} does not exist.");

        var zone = await settings.GetAsync(GeneralSettings.DefaultTimeZone, cancellationToken);
        string Day(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var requester = string.IsNullOrWhiteSpace(order.RequesterName) ? order.RequesterEmail : order.RequesterName;
        var approver = string.IsNullOrWhiteSpace(approval.ApproverName) ? approval.ApproverEmail : approval.ApproverName;
        var from = Day(order.RequestedFrom);
        var until = Day(order.RequestedUntil);

        var facts = new List<ChatFact>
        {
            new("Asset", type.Name),
            new("Requester", $"{requester} ({order.RequesterEmail})"),
            new("From", from),
            new("Until", until),
        };
        if (!string.IsNullOrWhiteSpace(order.Justification))
            facts.Add(new ChatFact("Justification", order.Justification));

        await outbox.EnqueueAsync(db, new NotificationRequest(BuiltInTemplates.ApprovalRequest, [new NotificationRecipient(approval.ApproverEmail, approval.ApproverName)])
        {
            Values = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["approver_name"] = approver,
                ["requester_name"] = requester,
                ["requester_email"] = order.RequesterEmail,
                ["asset_type_name"] = type.Name,
                ["from_date"] = from,
                ["until_date"] = until,
                ["justification"] = order.Justification ?? "",
            },
            Links = new Dictionary<string, string> { ["approval_url"] = linkPath },
            Card = new ChatCard($"Approval needed: {type.Name}", $"{requester} asks {approver} to approve this order.", facts, "Review request", linkPath),
            Reference = "order:" + order.Id.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken);
    }

    public Task OrderApprovedAsync(IpSolisDbContext db, Order order, AssetType type, OrderApproval decisive, CancellationToken cancellationToken) =>
        ToRequesterAsync(db, BuiltInTemplates.ApprovalGranted, order, type, decisive, null, cancellationToken);

    public Task OrderDeclinedAsync(IpSolisDbContext db, Order order, AssetType type, OrderApproval declined, string? comment, CancellationToken cancellationToken) =>
        ToRequesterAsync(db, BuiltInTemplates.ApprovalDeclined, order, type, declined, comment ?? "", cancellationToken);

    private async Task ToRequesterAsync(IpSolisDbContext db, string template, Order order, AssetType type, OrderApproval row, string? declineReason, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["requester_name"] = string.IsNullOrWhiteSpace(order.RequesterName) ? order.RequesterEmail : order.RequesterName,
            ["requester_email"] = order.RequesterEmail,
            ["asset_type_name"] = type.Name,
            ["order_id"] = order.Id.ToString(CultureInfo.InvariantCulture),
            ["approver_name"] = string.IsNullOrWhiteSpace(row.ApproverName) ? row.ApproverEmail : row.ApproverName,
        };
        if (declineReason is not null)
            values["decline_reason"] = declineReason;
        await outbox.EnqueueAsync(db, new NotificationRequest(template, [new NotificationRecipient(order.RequesterEmail, order.RequesterName)])
        {
            Values = values,
            Links = new Dictionary<string, string> { ["order_url"] = $"/portal/orders/{order.Id.ToString(CultureInfo.InvariantCulture)}" },
            Reference = "order:" + order.Id.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken);
    }
}
