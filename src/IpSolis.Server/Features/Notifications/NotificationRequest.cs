namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// What a feature asks the outbox to send: one template to some people, in a language, with the event's values.
/// Values are plain text (the renderer HTML-escapes every one); links are paths on this site that the outbox turns
/// into absolute URLs with the configured public base URL.
/// </summary>
/// <param name="TemplateKey">One of <see cref="BuiltInTemplates"/>' keys, like <c>approval_request</c>.</param>
/// <param name="Recipients">Each gets its own message (and its own row in the delivery log).</param>
public sealed record NotificationRequest(string TemplateKey, IReadOnlyList<NotificationRecipient> Recipients)
{
    /// <summary><c>en</c> or <c>de</c> (anything starting with <c>de</c> is German); null for the installation's default.</summary>
    public string? Culture { get; init; }

    /// <summary>The template's variables by name; each must be one the template declares.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    /// <summary>Link variables by name, as paths on this site (like <c>/approve/abc</c>).</summary>
    public IReadOnlyDictionary<string, string> Links { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<NotificationAttachment> Attachments { get; init; } = [];

    /// <summary>Also post this card to Teams and Slack where they are switched on (approval requests and reminders).</summary>
    public ChatCard? Card { get; init; }

    /// <summary>What the notification is about, like <c>order:42</c>.</summary>
    public string? Reference { get; init; }
}
