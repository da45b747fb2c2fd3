namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// An operator's edit of one built-in template in one language. Without a row the built-in text applies, so a new
/// version's improved wording reaches every installation that did not change that template.
/// </summary>
public sealed class NotificationTemplate
{
    public long Id { get; set; }

    public required string Key { get; set; }

    public required string Culture { get; set; }

    public required string Subject { get; set; }

    /// <summary>HTML with Handlebars expressions, inside the branded layout.</summary>
    public required string Body { get; set; }

    /// <summary>A switched-off template sends nothing; the outbox records the message as skipped.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
