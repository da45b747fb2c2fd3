namespace IpSolis.Server.Features.Notifications;

/// <summary>One mail to one recipient, ready for the SMTP adapter.</summary>
public sealed record OutgoingMail(
    string To,
    string? ToName,
    string Subject,
    string Html,
    string Text,
    IReadOnlyList<NotificationAttachment> Attachments,
    IReadOnlyDictionary<string, string> Headers);
