using System.Net.Http.Json;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Features.Notifications;
using IpSolis.Server.Integrations.Teams;

namespace IpSolis.Server.Integrations.Slack;

/// <summary>
/// Posts to a Slack incoming webhook with Block Kit: a header, the text, the facts as fields, a URL button to the
/// signed link, and a <c>text</c> fallback for notifications. Values go into mrkdwn with Slack's escaping
/// (&amp;, &lt;, &gt;), so a display name cannot forge a link or a mention.
/// </summary>
internal sealed class SlackWebhookPoster(IHttpClientFactory clients) : IChatPoster
{
    public const string ClientName = "slack";

    public NotificationChannel Channel => NotificationChannel.Slack;

    public Task<DeliveryResult> PostAsync(Uri webhook, ChatCard card, CancellationToken cancellationToken) =>
        WebhookPost.SendAsync(clients.CreateClient(ClientName), webhook, JsonContent.Create(Payload(card)), "Slack", cancellationToken);

    public static object Payload(ChatCard card)
    {
        var blocks = new List<object>
        {
            new { type = "header", text = new { type = "plain_text", text = Limit(card.Title, 150), emoji = false } },
            new { type = "section", text = new { type = "mrkdwn", text = Escape(card.Text) } },
        };
        if (card.Facts.Count > 0)
        {
            // Slack allows ten fields per section.
            blocks.Add(new
            {
                type = "section",
                fields = card.Facts.Take(10).Select(f => new { type = "mrkdwn", text = $"*{Escape(f.Name)}*\n{Escape(f.Value)}" }).ToArray(),
            });
        }

        blocks.Add(new
        {
            type = "actions",
            elements = new object[] { new { type = "button", text = new { type = "plain_text", text = Limit(card.ActionLabel, 75) }, url = card.ActionUrl, style = "primary" } },
        });
        return new { text = Escape($"{card.Title}: {card.Text}"), blocks };
    }

    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Limit(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
