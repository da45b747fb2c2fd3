namespace IpSolis.Domain.Notifications;

/// <summary>Where one outbox message is in its delivery.</summary>
public enum NotificationStatus
{
    /// <summary>Written with the change that caused it; its delivery job has not run yet.</summary>
    Pending,

    /// <summary>An attempt failed; the queue tries again after its backoff.</summary>
    Retrying,

    Sent,

    /// <summary>Every attempt failed; an operator can resend it.</summary>
    Failed,

    /// <summary>Not sent because the channel is not configured (no SMTP host, no webhook); resend once it is.</summary>
    NotConfigured,

    /// <summary>Not sent because an operator switched the template off.</summary>
    Skipped,
}
