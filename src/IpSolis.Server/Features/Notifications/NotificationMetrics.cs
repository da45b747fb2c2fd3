using System.Diagnostics.Metrics;
using IpSolis.Domain;
using IpSolis.Domain.Notifications;

namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// The <c>IpSolis.Notifications</c> meter: messages the mail server or chat webhook accepted, and attempts it
/// refused (<c>final</c> when it was the last attempt and the message is now failed), by channel.
/// </summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "IpSolis.Notifications";

    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _sent = meter.CreateCounter<long>("ipsolis.notifications.sent", "{message}", "Notifications accepted by the mail server or chat webhook, by channel.");
        _failed = meter.CreateCounter<long>("ipsolis.notifications.failed", "{attempt}",
            "Delivery attempts refused, by channel; final=true when it was the last attempt and the message is failed.");
    }

    public void Sent(NotificationChannel channel) =>
        _sent.Add(1, new KeyValuePair<string, object?>("channel", WireName<NotificationChannel>.Of(channel)));

    public void Failed(NotificationChannel channel, bool final) => _failed.Add(1,
        new KeyValuePair<string, object?>("channel", WireName<NotificationChannel>.Of(channel)),
        new KeyValuePair<string, object?>("final", final ? "true" : "false"));
}
