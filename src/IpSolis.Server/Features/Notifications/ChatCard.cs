namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// A chat message with facts and one button, posted to Teams (Adaptive Card) and Slack (Block Kit). Texts are plain:
/// each adapter escapes them for its format.
/// </summary>
/// <param name="ActionUrl">A path on this site (resolved with the public base URL when enqueued) or an absolute URL.</param>
public sealed record ChatCard(string Title, string Text, IReadOnlyList<ChatFact> Facts, string ActionLabel, string ActionUrl);
