namespace IpSolis.Server.Features.Notifications;

/// <summary>A person to tell: the address, and the name the greeting uses (<c>recipient_name</c>).</summary>
public sealed record NotificationRecipient(string Email, string? Name = null);
