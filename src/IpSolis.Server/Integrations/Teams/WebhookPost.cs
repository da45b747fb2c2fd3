using System.Net.Http.Headers;

namespace IpSolis.Server.Integrations.Teams;

/// <summary>
/// One POST to a chat webhook, shared by the Teams and Slack adapters. The webhook URL is a secret (whoever has it
/// can post), so no message here ever contains it: only the channel, the status and the answer's first words.
/// </summary>
internal static class WebhookPost
{
    public static async Task<Features.Notifications.DeliveryResult> SendAsync(HttpClient client, Uri webhook, HttpContent content, string channel, CancellationToken cancellationToken)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await client.PostAsync(webhook, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            body = body.Length > 300 ? body[..300] : body;
            var answer = $"{(int)response.StatusCode} {response.ReasonPhrase}{(body.Length > 0 ? ": " + body : "")}";
            return response.IsSuccessStatusCode
                ? Features.Notifications.DeliveryResult.Ok($"{channel} answered {answer}")
                : Features.Notifications.DeliveryResult.Refused($"{channel} answered {answer}");
        }
        catch (HttpRequestException ex)
        {
            return Features.Notifications.DeliveryResult.Refused($"{channel} could not be reached: {ex.HttpRequestError} ({(ex.StatusCode is { } status ? (int)status : 0)}).");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Features.Notifications.DeliveryResult.Refused($"{channel} did not answer within {client.Timeout.TotalSeconds:0} s.");
        }
    }
}
