using System.Globalization;
using System.Text;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// The lifecycle's notifier: turns order events into outbox messages on the caller's context, in its transaction
/// (expiry reminder, ready with an <c>.rdp</c> file for personal desktops, change delivered, failed, taken back).
/// </summary>
internal sealed class MailOrderNotifier(NotificationOutbox outbox, SettingsStore settings) : IOrderNotifier
{
    public async Task ExpiryReminderAsync(IpSolisDbContext db, ExpiryReminder reminder, CancellationToken cancellationToken)
    {
        var order = reminder.Order;
        var values = OrderValues(order, reminder.Type.Name, await AssetNameAsync(db, order, cancellationToken));
        values["expires_at"] = await WhenAsync(reminder.Until, cancellationToken);
        values["hours_remaining"] = ((int)Math.Floor(reminder.Remaining.TotalHours)).ToString(CultureInfo.InvariantCulture);
        await outbox.EnqueueAsync(db, new NotificationRequest(BuiltInTemplates.ExpiryReminder, reminder.Recipients.Select(r => Person(order, r)).ToList())
        {
            Values = values,
            Links = new Dictionary<string, string> { ["order_url"] = $"/portal/my-it/{order.Id}" },
            Reference = Reference(order),
        }, cancellationToken);
    }

    public async Task OrderPlacedAsync(IpSolisDbContext db, Order order, AssetType type, CancellationToken cancellationToken)
    {
        var values = OrderValues(order, type.Name, null);
        values["from_date"] = (await WhenAsync(order.RequestedFrom, cancellationToken))[..10];
        values["until_date"] = (await WhenAsync(order.RequestedUntil, cancellationToken))[..10];
        var recipients = new List<NotificationRecipient> { new(order.RequesterEmail, order.RequesterName) };
        if (order.OwnerEmail is { Length: > 0 } owner)
            recipients.Add(new NotificationRecipient(owner, order.OwnerName));
        await outbox.EnqueueAsync(db, new NotificationRequest(BuiltInTemplates.OrderConfirmation, recipients)
        {
            Values = values,
            Links = new Dictionary<string, string> { ["order_url"] = $"/portal/orders/{order.Id.ToString(CultureInfo.InvariantCulture)}" },
            Reference = Reference(order),
        }, cancellationToken);
    }

    public async Task OrderDeliveredAsync(IpSolisDbContext db, Order order, AssetType type, string? assetName, CancellationToken cancellationToken)
    {
        var values = OrderValues(order, type.Name, assetName);
        values["expires_at"] = await WhenAsync(order.RequestedUntil, cancellationToken);
        values["rdp_users"] = string.Join(", ", order.RdpUsers);
        var provision = order.Action == Domain.Orders.OrderAction.Provision;
        if (provision)
            values["rds_gateway_url"] = type.AccessUrl ?? "";
        var attachments = PersonalDesktop(type, assetName) is { } rdp ? new[] { rdp } : [];
        await outbox.EnqueueAsync(db, new NotificationRequest(provision ? BuiltInTemplates.ProvisionConfirmation : BuiltInTemplates.ModifyConfirmation, [new(order.RequesterEmail, order.RequesterName)])
        {
            Values = values,
            Links = new Dictionary<string, string> { ["order_url"] = $"/portal/orders/{order.Id}" },
            Attachments = attachments,
            Reference = Reference(order),
        }, cancellationToken);
    }

    public async Task OrderFailedAsync(IpSolisDbContext db, Order order, CancellationToken cancellationToken)
    {
        var typeName = await db.Set<AssetType>().AsNoTracking().Where(t => t.Id == order.AssetTypeId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var values = OrderValues(order, typeName, null);
        // The requester sees what failed in words, not a stack trace: the first line, briefly.
        var error = (order.ErrorMessage ?? "").Split('\n', 2)[0];
        values["error_summary"] = error.Length > 300 ? error[..300] + "…" : error;
        await outbox.EnqueueAsync(db, new NotificationRequest(BuiltInTemplates.OrderFailed, [new(order.RequesterEmail, order.RequesterName)])
        {
            Values = values,
            Links = new Dictionary<string, string> { ["order_url"] = $"/portal/orders/{order.Id}" },
            Reference = Reference(order),
        }, cancellationToken);
    }

    public async Task OrderExpiredAsync(IpSolisDbContext db, Order order, CancellationToken cancellationToken)
    {
        var typeName = await db.Set<AssetType>().AsNoTracking().Where(t => t.Id == order.AssetTypeId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
        var values = OrderValues(order, typeName, await AssetNameAsync(db, order, cancellationToken));
        values["reason"] = "";
        var recipients = new List<NotificationRecipient> { new(order.RequesterEmail, order.RequesterName) };
        if (order.OwnerEmail is { Length: > 0 } owner && !string.Equals(owner, order.RequesterEmail, StringComparison.OrdinalIgnoreCase))
            recipients.Add(new(owner, order.OwnerName));
        await outbox.EnqueueAsync(db, new NotificationRequest(BuiltInTemplates.ReclaimNotification, recipients)
        {
            Values = values,
            Links = new Dictionary<string, string> { ["order_url"] = $"/portal/orders/{order.Id}" },
            Reference = Reference(order),
        }, cancellationToken);
    }

    /// <summary>The <c>.rdp</c> file of a personal desktop: a personal asset of a type that has remote desktop users.</summary>
    public static NotificationAttachment? PersonalDesktop(AssetType type, string? assetName)
    {
        if (type.AssignmentModel != AssignmentModel.AssignedPersonal || !type.AllowRdpUsers || string.IsNullOrWhiteSpace(assetName))
            return null;
        // Only characters a host name has: the value goes into a file the user opens.
        var host = new string(assetName.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_').ToArray());
        var rdp = new StringBuilder()
            .Append("full address:s:").Append(host).Append("\r\n")
            .Append("prompt for credentials:i:1\r\n")
            .Append("screen mode id:i:2\r\n")
            .Append("authentication level:i:2\r\n");
        return new NotificationAttachment($"{host}.rdp", "application/x-rdp", Encoding.UTF8.GetBytes(rdp.ToString()));
    }

    private static Dictionary<string, string?> OrderValues(Order order, string typeName, string? assetName) =>
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["requester_name"] = Name(order.RequesterName, order.RequesterEmail),
            ["requester_email"] = order.RequesterEmail,
            ["owner_name"] = order.OwnerEmail is null ? "" : Name(order.OwnerName, order.OwnerEmail),
            ["asset_type_name"] = typeName,
            ["order_id"] = order.Id.ToString(CultureInfo.InvariantCulture),
            ["asset_name"] = assetName ?? "",
        };

    private async Task<string> WhenAsync(DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var zone = await settings.GetAsync(GeneralSettings.DefaultTimeZone, cancellationToken);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return $"{local:yyyy-MM-dd HH:mm} {(zone.Id == "UTC" || zone.Id == "Etc/UTC" ? "UTC" : zone.Id)}";
    }

    private static async Task<string?> AssetNameAsync(IpSolisDbContext db, Order order, CancellationToken cancellationToken) =>
        order.AssignedAssetId is { } id
            ? await db.Set<Pool.PoolAsset>().AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
            : ProvisionedState.FromJson(order.ProvisionedStateJson)?.AssetName;

    private static NotificationRecipient Person(Order order, string email) =>
        string.Equals(email, order.RequesterEmail, StringComparison.OrdinalIgnoreCase) ? new(email, order.RequesterName)
        : string.Equals(email, order.OwnerEmail, StringComparison.OrdinalIgnoreCase) ? new(email, order.OwnerName)
        : new(email);

    private static string Name(string? name, string email) => string.IsNullOrWhiteSpace(name) ? email : name;

    private static string Reference(Order order) => "order:" + order.Id.ToString(CultureInfo.InvariantCulture);
}
