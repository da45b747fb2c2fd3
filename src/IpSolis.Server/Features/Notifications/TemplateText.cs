namespace IpSolis.Server.Features.Notifications;

/// <summary>A template's subject and HTML body (Handlebars), in one language.</summary>
public sealed record TemplateText(string Subject, string Body);
