using IpSolis.Domain.Notifications;

namespace IpSolis.Server.Features.Notifications;

/// <summary>Posts a card to a chat webhook (Integrations/Teams, Integrations/Slack). Failures come back as a refused result.</summary>
public interface IChatPoster
{
    NotificationChannel Channel { get; }

    Task<DeliveryResult> PostAsync(Uri webhook, ChatCard card, CancellationToken cancellationToken);
}
