namespace IpSolis.Server.Features.Notifications;

/// <summary>What the branded frame of every mail shows: the application title and, where one is uploaded, the logo.</summary>
/// <param name="LogoUrl">Absolute URL of the uploaded logo, or null for the title alone.</param>
public sealed record MailBranding(string Title, string? LogoUrl);
