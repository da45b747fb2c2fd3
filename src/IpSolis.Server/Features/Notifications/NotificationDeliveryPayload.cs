namespace IpSolis.Server.Features.Notifications;

/// <summary>The payload of a <c>notifications.deliver</c> job.</summary>
public sealed record NotificationDeliveryPayload(long MessageId);
