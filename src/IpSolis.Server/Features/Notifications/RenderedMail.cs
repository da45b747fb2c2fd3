namespace IpSolis.Server.Features.Notifications;

/// <summary>A mail as it is sent: subject, HTML in the branded frame and its plain-text alternative.</summary>
public sealed record RenderedMail(string Subject, string Html, string Text);
