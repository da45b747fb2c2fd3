using System.Globalization;
using IpSolis.Domain.Approvals;
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
    public Task ApprovalRequestedAsync(IpSolisDbContext db, OrderApproval approval, string linkPath, CancellationToken cancellationToken) =>
        AskAsync(db, BuiltInTemplates.ApprovalRequest, approval, approval, linkPath, "Approval needed", cancellationToken);

    public Task ApprovalReminderAsync(IpSolisDbContext db, OrderApproval approval, string linkPath, CancellationToken cancellationToken) =>
        AskAsync(db, BuiltInTemplates.ApprovalReminder, approval, approval, linkPath,
            $"Reminder {approval.ReminderCount.ToString(CultureInfo.InvariantCulture)}: approval needed", cancellationToken);

    public Task EscalationAssignedAsync(IpSolisDbContext db, OrderApproval assigned, OrderApproval escalated, string linkPath, CancellationToken cancellationToken) =>
        AskAsync(db, BuiltInTemplates.ApprovalEscalationAssigned, assigned, escalated, linkPath, "Escalated to you: approval needed", cancellationToken);

    public async Task ApprovalEscalatedAsync(IpSolisDbContext db, OrderApproval approval, IReadOnlyList<Approver> contacts, string orderPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var (order, _, values) = await ValuesAsync(db, BuiltInTemplates.ApprovalEscalated, approval, approval, cancellationToken);
        await outbox.EnqueueAsync(db, new NotificationRequest(BuiltInTemplates.ApprovalEscalated, [.. contacts.Select(c => new NotificationRecipient(c.Email, c.Name))])
        {
            Values = values,
            Links = new Dictionary<string, string> { ["approval_url"] = orderPath },
            Reference = "order:" + order.Id.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken);
    }

    /// <summary>
    /// Asks <paramref name="recipient"/>'s approver to decide, by mail and chat card, with the signed link.
    /// <paramref name="waitingOn"/> is the row whose approver the message names as not having decided (the same row,
    /// except for an escalation).
    /// </summary>
    private async Task AskAsync(IpSolisDbContext db, string template, OrderApproval recipient, OrderApproval waitingOn, string linkPath, string headline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var (order, type, values) = await ValuesAsync(db, template, recipient, waitingOn, cancellationToken);
        var requester = values["requester_name"];
        var facts = new List<ChatFact>
        {
            new("Asset", type.Name),
            new("Requester", $"{requester} ({order.RequesterEmail})"),
            new("From", values["from_date"]!),
            new("Until", values["until_date"]!),
        };
        if (!string.IsNullOrWhiteSpace(order.Justification))
            facts.Add(new ChatFact("Justification", order.Justification));
        var approver = string.IsNullOrWhiteSpace(recipient.ApproverName) ? recipient.ApproverEmail : recipient.ApproverName;

        await outbox.EnqueueAsync(db, new NotificationRequest(template, [new NotificationRecipient(recipient.ApproverEmail, recipient.ApproverName)])
        {
            Values = values,
            Links = new Dictionary<string, string> { ["approval_url"] = linkPath },
            Card = new ChatCard($"{headline}: {type.Name}", $"{requester} asks {approver} to approve this order.", facts, "Review request", linkPath),
            Reference = "order:" + order.Id.ToString(CultureInfo.InvariantCulture),
        }, cancellationToken);
    }

    /// <summary>The values of <paramref name="template"/> (each template declares its own; the outbox refuses others).</summary>
    private async Task<(Order Order, AssetType Type, Dictionary<string, string?> Values)> ValuesAsync(
        IpSolisDbContext db, string template, OrderApproval recipient, OrderApproval waitingOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Usually tracked by the calling transaction already: then these finds read no row from the database.
        var order = await db.Set<Order>().FindAsync([recipient.OrderId], cancellationToken)
            ?? throw new InvalidOperationException($"Order {recipient.OrderId} of approval {recipient.Id} does not exist.");
        var type = await db.Set<AssetType>().FindAsync([order.AssetTypeId], cancellationToken)
            ?? throw new InvalidOperationException($"Asset type {order.AssetTypeId} of order {order.Id} does not exist.");

        var zone = await settings.GetAsync(GeneralSettings.DefaultTimeZone, cancellationToken);
        string Day(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["approver_name"] = string.IsNullOrWhiteSpace(waitingOn.ApproverName) ? waitingOn.ApproverEmail : waitingOn.ApproverName,
            ["requester_name"] = string.IsNullOrWhiteSpace(order.RequesterName) ? order.RequesterEmail : order.RequesterName,
            ["requester_email"] = order.RequesterEmail,
            ["asset_type_name"] = type.Name,
            ["from_date"] = Day(order.RequestedFrom),
            ["until_date"] = Day(order.RequestedUntil),
            ["justification"] = order.Justification ?? "",
        };
        // The reminder and escalation templates also name the count (and who has not decided); the request does not.
        if (template != BuiltInTemplates.ApprovalRequest)
            values["reminder_count"] = waitingOn.ReminderCount.ToString(CultureInfo.InvariantCulture);
        if (template is BuiltInTemplates.ApprovalEscalated or BuiltInTemplates.ApprovalEscalationAssigned)
            values["approver_email"] = waitingOn.ApproverEmail;
        return (order, type, values);
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
