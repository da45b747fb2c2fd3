using System.Net.Http.Json;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Features.Notifications;

namespace IpSolis.Server.Integrations.Teams;

/// <summary>
/// Posts to a Teams Workflows webhook: a message with one Adaptive Card 1.4 attachment (full width) showing the
/// title, text, facts and a button to the signed link. Teams answers 202 when the workflow accepted it.
/// </summary>
internal sealed class TeamsWorkflowPoster(IHttpClientFactory clients) : IChatPoster
{
    public const string ClientName = "teams";

    public NotificationChannel Channel => NotificationChannel.Teams;

    public Task<DeliveryResult> PostAsync(Uri webhook, ChatCard card, CancellationToken cancellationToken) =>
        WebhookPost.SendAsync(clients.CreateClient(ClientName), webhook, JsonContent.Create(Payload(card)), "Teams", cancellationToken);

    /// <summary>The message body. Adaptive Card text is rendered as text with a small Markdown subset, never as HTML.</summary>
    public static object Payload(ChatCard card) => new Dictionary<string, object?>
    {
        ["type"] = "message",
        ["attachments"] = new object[]
        {
            new Dictionary<string, object?>
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = new Dictionary<string, object?>
                {
                    ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.4",
                    ["msteams"] = new { width = "Full" },
                    ["body"] = new object[]
                    {
                        new { type = "TextBlock", text = card.Title, weight = "Bolder", size = "Medium", wrap = true },
                        new { type = "TextBlock", text = card.Text, wrap = true },
                        new { type = "FactSet", facts = card.Facts.Select(f => new { title = f.Name, value = f.Value }).ToArray() },
                    },
                    ["actions"] = new object[] { new { type = "Action.OpenUrl", title = card.ActionLabel, url = card.ActionUrl } },
                },
            },
        },
    };
}
