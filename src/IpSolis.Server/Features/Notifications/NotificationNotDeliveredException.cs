namespace IpSolis.Server.Features.Notifications;

/// <summary>Thrown by the delivery job so that the queue retries a refused message after its backoff.</summary>
public sealed class NotificationNotDeliveredException(string message) : Exception(message);
