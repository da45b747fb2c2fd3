namespace IpSolis.Domain.Notifications;

/// <summary>How a message reaches people.</summary>
public enum NotificationChannel
{
    Mail,
    Teams,
    Slack,
}
