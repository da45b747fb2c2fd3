using System.Text.Json;
using IpSolis.Domain;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// <c>notifications.deliver</c>: sends one outbox message. Success is saved through the job's unit of work, so it
/// commits with the job's success. A refused attempt is written to the message at once (on its own context, since
/// the job's unit of work is discarded on failure) and the job fails, so the queue retries it after its backoff;
/// after the last attempt the message is <c>failed</c> and an operator can resend it. A channel that is not
/// configured is no error: the message says so and waits for a resend.
/// </summary>
internal sealed partial class NotificationDelivery(
    IDbContextFactory<IpSolisDbContext> contexts,
    SettingsStore settings,
    IMailSender mail,
    IEnumerable<IChatPoster> chats,
    TimeProvider time,
    NotificationMetrics metrics,
    ILogger<NotificationDelivery> logger) : JobHandler<NotificationDeliveryPayload>
{
    public const string Kind = "notifications.deliver";

    public const string NotConfiguredSmtp = "Not sent — SMTP not configured.";

    public static JobRequest Request(long messageId) =>
        new(Kind, new NotificationDeliveryPayload(messageId)) { UniqueKey = $"{Kind}:{messageId}" };

    protected override async Task RunAsync(JobContext job, NotificationDeliveryPayload payload, CancellationToken cancellationToken)
    {
        var db = job.Database;
        var message = await db.Set<NotificationMessage>().AsTracking().FirstOrDefaultAsync(m => m.Id == payload.MessageId, cancellationToken);
        if (message is null || message.Status is NotificationStatus.Sent or NotificationStatus.Skipped)
            return;

        var snapshot = await settings.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow();
        DeliveryResult? result;
        if (message.Channel == NotificationChannel.Mail)
        {
            if (MailServer.Configured(snapshot) is not { } server)
            {
                Record(message, NotificationStatus.NotConfigured, NotConfiguredSmtp, now);
                return;
            }

            message.Attempts++;
            result = await mail.SendAsync(server, ToMail(message), cancellationToken);
        }
        else
        {
            var webhook = snapshot.Get(message.Channel == NotificationChannel.Teams ? NotificationSettings.TeamsWebhook : NotificationSettings.SlackWebhook);
            if (webhook is null || !Uri.TryCreate(webhook, UriKind.Absolute, out var url))
            {
                Record(message, NotificationStatus.NotConfigured, $"Not sent — no {WireName<NotificationChannel>.Of(message.Channel)} webhook configured.", now);
                return;
            }

            message.Attempts++;
            var card = JsonSerializer.Deserialize<ChatCard>(message.CardJson ?? "{}", JobPayloads.Json)!;
            result = await chats.First(c => c.Channel == message.Channel).PostAsync(url, card, cancellationToken);
        }

        now = time.GetUtcNow();
        if (result.Accepted)
        {
            message.Status = NotificationStatus.Sent;
            message.SentAt = now;
            message.ServerAnswer = Truncate(result.Answer, 1000);
            message.LastError = null;
            message.UpdatedAt = now;
            metrics.Sent(message.Channel);
            return;
        }

        var last = job.Attempt >= job.MaxAttempts;
        metrics.Failed(message.Channel, last);
        await RecordFailureAsync(message.Id, message.Attempts, last, result.Answer, now, cancellationToken);
        if (last)
        {
            LogGaveUp(logger, message.Id, message.Recipient, job.Attempt, result.Answer);
            // The message records the failure; the job ends as done rather than dead, so it is not listed twice.
            return;
        }

        throw new NotificationNotDeliveredException($"Message {message.Id} to {message.Recipient} was not delivered: {result.Answer}");
    }

    private static void Record(NotificationMessage message, NotificationStatus status, string reason, DateTimeOffset now)
    {
        message.Status = status;
        message.LastError = reason;
        message.UpdatedAt = now;
    }

    private async Task RecordFailureAsync(long id, int attempts, bool last, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var message = await db.Set<NotificationMessage>().AsTracking().FirstAsync(m => m.Id == id, cancellationToken);
        if (message.Status == NotificationStatus.Sent)
            return;
        message.Attempts = attempts;
        message.Status = last ? NotificationStatus.Failed : NotificationStatus.Retrying;
        message.LastError = Truncate(error, 4000);
        message.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static OutgoingMail ToMail(NotificationMessage message) => new(
        message.Recipient,
        message.RecipientName,
        message.Subject,
        message.HtmlBody ?? "",
        message.TextBody ?? "",
        message.AttachmentsJson is null ? [] : JsonSerializer.Deserialize<List<NotificationAttachment>>(message.AttachmentsJson, JobPayloads.Json) ?? [],
        new Dictionary<string, string>
        {
            ["Auto-Submitted"] = "auto-generated",
            ["X-IpSolis-Template"] = message.TemplateKey,
            ["X-IpSolis-Message"] = message.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {MessageId} to {Recipient} failed after {Attempts} attempts: {Error}")]
    private static partial void LogGaveUp(ILogger logger, long messageId, string recipient, int attempts, string error);
}
