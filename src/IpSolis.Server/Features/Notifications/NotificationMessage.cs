using IpSolis.Domain.Notifications;

namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// One message in the outbox: rendered when the change that caused it was saved (so the delivery log shows exactly
/// what was sent, and a later template edit does not change it), delivered by the <c>notifications</c> queue.
/// </summary>
public sealed class NotificationMessage
{
    public long Id { get; set; }

    public NotificationChannel Channel { get; set; }

    public required string TemplateKey { get; set; }

    /// <summary><c>en</c> or <c>de</c>.</summary>
    public required string Culture { get; set; }

    /// <summary>The e-mail address; for chat messages the channel's name (the webhook itself is a secret).</summary>
    public required string Recipient { get; set; }

    public string? RecipientName { get; set; }

    public required string Subject { get; set; }

    public string? HtmlBody { get; set; }

    public string? TextBody { get; set; }

    /// <summary>The chat card (<see cref="ChatCard"/>) as JSON, for Teams and Slack messages.</summary>
    public string? CardJson { get; set; }

    /// <summary><see cref="NotificationAttachment"/>s as JSON, or null.</summary>
    public string? AttachmentsJson { get; set; }

    public NotificationStatus Status { get; set; }

    /// <summary>Delivery attempts made, resends included.</summary>
    public int Attempts { get; set; }

    public string? LastError { get; set; }

    /// <summary>What the receiving server said when it accepted the message.</summary>
    public string? ServerAnswer { get; set; }

    /// <summary>What the message is about, like <c>order:42</c>: lets the log be filtered by it.</summary>
    public string? Reference { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }
}
