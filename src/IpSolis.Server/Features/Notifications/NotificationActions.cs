using IpSolis.Domain;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Notifications;

/// <summary>What operators do from the delivery log and the settings tabs: resend a message, send a test mail or card.</summary>
public sealed class NotificationActions(
    IDbContextFactory<IpSolisDbContext> contexts,
    IJobQueue jobs,
    IAuditTrail audit,
    SettingsStore settings,
    MailRenderer renderer,
    IMailSender mail,
    IEnumerable<IChatPoster> chats,
    TimeProvider time)
{
    /// <summary>Queues the message again (whatever its status) with fresh attempts. False when it does not exist.</summary>
    public async Task<bool> ResendAsync(long id, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var message = await db.Set<NotificationMessage>().AsTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
            return false;
        var before = message.Status;
        message.Status = NotificationStatus.Pending;
        message.LastError = null;
        message.UpdatedAt = time.GetUtcNow();
        await jobs.EnqueueAsync(db, NotificationDelivery.Request(message.Id), cancellationToken);
        audit.Record(db, actor, new AuditEvent("notification.resent", "notification", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { status = WireName<NotificationStatus>.Of(before) },
            new { status = WireName<NotificationStatus>.Of(message.Status), recipient = message.Recipient, template = message.TemplateKey }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Sends a branded test mail now, bypassing the outbox, and returns the server's answer.</summary>
    public async Task<DeliveryResult> SendTestMailAsync(string to, AuditActor actor, CancellationToken cancellationToken)
    {
        if (!System.Net.Mail.MailAddress.TryCreate(to.Trim(), out var address))
            return DeliveryResult.Refused("Enter the e-mail address to send the test mail to.");
        var snapshot = await settings.CurrentAsync(cancellationToken);
        if (MailServer.Configured(snapshot) is not { } server)
            return DeliveryResult.Refused("SMTP is not configured: enter the SMTP server and the sender address, then save.");
        var culture = NotificationOutbox.Culture(snapshot.Get(NotificationSettings.Language));
        var branding = NotificationOutbox.Branding(snapshot, snapshot.Get(GeneralSettings.PublicBaseUrl) ?? NotificationOutbox.FallbackBaseUrl);
        var text = culture == "de"
            ? new TemplateText("Testnachricht von {{app_title}}", "<p>Diese Testnachricht kam über {{server}} an. Der Versand funktioniert.</p>")
            : new TemplateText("Test message from {{app_title}}", "<p>This test message arrived through {{server}}. Mail delivery works.</p>");
        var rendered = renderer.Render(text, new Dictionary<string, string?> { ["app_title"] = branding.Title, ["server"] = server.Describe() }, branding, culture);
        var result = await mail.SendAsync(server, new OutgoingMail(address.Address, null, rendered.Subject, rendered.Html, rendered.Text, [],
            new Dictionary<string, string> { ["Auto-Submitted"] = "auto-generated", ["X-IpSolis-Template"] = "test" }), cancellationToken);
        await RecordTestAsync("notification.test_mail_sent", actor, new { to = address.Address, server = server.Describe(), accepted = result.Accepted, answer = result.Answer }, cancellationToken);
        return result;
    }

    /// <summary>Posts a test card to the channel's configured webhook and returns its answer.</summary>
    public async Task<DeliveryResult> SendTestCardAsync(NotificationChannel channel, AuditActor actor, CancellationToken cancellationToken)
    {
        var snapshot = await settings.CurrentAsync(cancellationToken);
        var webhook = snapshot.Get(channel == NotificationChannel.Teams ? NotificationSettings.TeamsWebhook : NotificationSettings.SlackWebhook);
        var name = channel == NotificationChannel.Teams ? "Teams" : "Slack";
        if (webhook is null || !Uri.TryCreate(webhook, UriKind.Absolute, out var url))
            return DeliveryResult.Refused($"No {name} webhook URL is stored: enter it, then save.");
        var title = snapshot.Get(GeneralSettings.ApplicationTitle);
        var baseUrl = snapshot.Get(GeneralSettings.PublicBaseUrl) ?? NotificationOutbox.FallbackBaseUrl;
        var card = new ChatCard($"Test message from {title}", $"If you can read this, {title} can post approval requests to this {name} channel.",
            [new ChatFact("Sent by", actor.Id), new ChatFact("Sent at", time.GetUtcNow().ToString("u", System.Globalization.CultureInfo.InvariantCulture))],
            $"Open {title}", NotificationOutbox.Absolute(baseUrl, "/ui"));
        var result = await chats.First(c => c.Channel == channel).PostAsync(url, card, cancellationToken);
        await RecordTestAsync("notification.test_card_sent", actor, new { channel = name, accepted = result.Accepted, answer = result.Answer }, cancellationToken);
        return result;
    }

    private async Task RecordTestAsync(string action, AuditActor actor, object values, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        audit.Record(db, actor, new AuditEvent(action, "notification", null, null, values));
        await db.SaveChangesAsync(cancellationToken);
    }
}
