using System.Text.Json;
using IpSolis.Domain.Notifications;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Notifications;

/// <summary>
/// The one way features send notifications. <see cref="EnqueueAsync"/> renders the template for each recipient and
/// writes the messages and their delivery jobs on the caller's context, inside the caller's transaction: a message
/// exists exactly when the change that causes it commits, and the caller never waits for a mail server. Delivery
/// (with retries and backoff) is <see cref="NotificationDelivery"/>'s job on the <c>notifications</c> queue.
/// </summary>
public sealed class NotificationOutbox(SettingsStore settings, MailRenderer renderer, IJobQueue jobs, TimeProvider time)
{
    /// <summary>Used for links while no public base URL is set; the setup checklist asks for one.</summary>
    public static readonly Uri FallbackBaseUrl = new("http://localhost:8000");

    /// <summary>Writes one message per recipient (and one per enabled chat channel when the request has a card) and
    /// their delivery jobs. Returns the new messages' ids once the caller saves; call it with a transaction open.</summary>
    /// <exception cref="ArgumentException">Unknown template, or a value the template does not declare.</exception>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    public async Task<IReadOnlyList<NotificationMessage>> EnqueueAsync(IpSolisDbContext db, NotificationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Enqueue notifications inside the transaction of the change that causes them: call db.Database.BeginTransactionAsync() first.");
        var definition = BuiltInTemplates.Get(request.TemplateKey);
        var unknown = request.Values.Keys.Concat(request.Links.Keys).Where(k => !definition.Variables.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"The template {definition.Key} has no variable {string.Join(", ", unknown)}.", nameof(request));

        var snapshot = await settings.CurrentAsync(cancellationToken);
        var culture = Culture(request.Culture ?? snapshot.Get(NotificationSettings.Language));
        var baseUrl = snapshot.Get(GeneralSettings.PublicBaseUrl) ?? FallbackBaseUrl;
        var branding = Branding(snapshot, baseUrl);
        var template = await NotificationTemplates.FindAsync(db, definition, culture, cancellationToken);
        var now = time.GetUtcNow();

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["app_title"] = branding.Title,
            ["portal_url"] = Absolute(baseUrl, "/portal"),
        };
        foreach (var (key, value) in request.Values)
            values[key] = value;
        foreach (var (key, path) in request.Links)
            values[key] = Absolute(baseUrl, path);

        var attachments = request.Attachments.Count == 0 ? null : JsonSerializer.Serialize(request.Attachments, JobPayloads.Json);
        var messages = new List<NotificationMessage>();
        foreach (var recipient in request.Recipients.DistinctBy(r => r.Email.Trim().ToLowerInvariant()))
        {
            values["recipient_name"] = recipient.Name is { Length: > 0 } name ? name : recipient.Email;
            var mail = renderer.Render(template.Text, values, branding, culture);
            messages.Add(new NotificationMessage
            {
                Channel = NotificationChannel.Mail,
                TemplateKey = definition.Key,
                Culture = culture,
                Recipient = recipient.Email.Trim(),
                RecipientName = recipient.Name,
                Subject = mail.Subject,
                HtmlBody = mail.Html,
                TextBody = mail.Text,
                AttachmentsJson = attachments,
                Status = template.IsActive ? NotificationStatus.Pending : NotificationStatus.Skipped,
                LastError = template.IsActive ? null : "Not sent — the template is switched off.",
                Reference = request.Reference,
                CreatedAt = now,
                UpdatedAt = now,
            });
        }

        if (request.Card is { } card)
        {
            var resolved = card with { ActionUrl = Absolute(baseUrl, card.ActionUrl) };
            foreach (var (channel, enabled) in new[] { (NotificationChannel.Teams, NotificationSettings.TeamsEnabled), (NotificationChannel.Slack, NotificationSettings.SlackEnabled) })
            {
                if (!snapshot.Get(enabled))
                    continue;
                messages.Add(new NotificationMessage
                {
                    Channel = channel,
                    TemplateKey = definition.Key,
                    Culture = culture,
                    Recipient = channel == NotificationChannel.Teams ? "Teams channel" : "Slack channel",
                    Subject = resolved.Title,
                    TextBody = resolved.Text,
                    CardJson = JsonSerializer.Serialize(resolved, JobPayloads.Json),
                    Status = NotificationStatus.Pending,
                    Reference = request.Reference,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
            }
        }

        if (messages.Count == 0)
            return messages;
        db.AddRange(messages);
        // The ids are needed for the jobs' payloads: this insert is part of the caller's transaction.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var message in messages.Where(m => m.Status == NotificationStatus.Pending))
            await jobs.EnqueueAsync(db, NotificationDelivery.Request(message.Id), cancellationToken);
        return messages;
    }

    /// <summary><c>de</c> for any German culture, else <c>en</c>.</summary>
    public static string Culture(string? culture) =>
        culture is not null && culture.Trim().StartsWith("de", StringComparison.OrdinalIgnoreCase) ? "de" : "en";

    public static MailBranding Branding(SettingsSnapshot snapshot, Uri baseUrl)
    {
        var logo = snapshot.Get(GeneralSettings.Logo);
        return new MailBranding(
            snapshot.Get(GeneralSettings.ApplicationTitle),
            logo is null ? null : Absolute(baseUrl, $"{Administration.Settings.SettingsEndpoints.LogoPath}?v={logo.Version}"));
    }

    /// <summary>An absolute URL: a path is joined to the base URL (which may itself have a path); absolute URLs stay.</summary>
    public static string Absolute(Uri baseUrl, string pathOrUrl)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
            return absolute.ToString();
        return baseUrl.ToString().TrimEnd('/') + "/" + pathOrUrl.TrimStart('/');
    }
}
