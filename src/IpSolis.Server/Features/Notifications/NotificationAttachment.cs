namespace IpSolis.Server.Features.Notifications;

/// <summary>A file sent with a mail, like the <c>.rdp</c> file of a personal desktop.</summary>
public sealed record NotificationAttachment(string FileName, string ContentType, byte[] Content);
