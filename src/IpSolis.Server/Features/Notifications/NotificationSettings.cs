using System.Net.Mail;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Notifications;

/// <summary>The E-mail and Chat tabs of <c>/ui/settings</c>. The SMTP password and both webhooks are sealed secrets.</summary>
public static class NotificationSettings
{
    public const string MailGroup = "email";
    public const string ChatGroup = "chat";

    public static readonly SettingDefinition<string> SmtpHost = SettingDefinitions.Text(
        "email.smtp_host", "", "SMTP server", "Host name or address of the mail server. Empty: no mail is sent (messages stay in the delivery log as not sent).",
        MailGroup, maxLength: 255, validate: host => host.Contains(' ', StringComparison.Ordinal) ? "SMTP server cannot contain spaces." : null);

    public static readonly SettingDefinition<int> SmtpPort = SettingDefinitions.Integer(
        "email.smtp_port", 25, 1, 65535, "SMTP port", "25 for a relay, 587 for submission with STARTTLS.", MailGroup);

    public static readonly SettingDefinition<bool> StartTls = SettingDefinitions.Boolean(
        "email.starttls", false, "Use STARTTLS", "Upgrade the connection to TLS before authenticating (true or false). Implicit TLS on port 465 is not supported by .NET's SMTP client.", MailGroup);

    public static readonly SettingDefinition<string> Username = SettingDefinitions.Text(
        "email.username", "", "SMTP user name", "Empty: send without authentication.", MailGroup, maxLength: 255);

    public static readonly SettingDefinition<string?> Password = SettingDefinitions.Secret(
        "email.password", "SMTP password", "Encrypted at rest and never shown again.", MailGroup, maxLength: 1000);

    public static readonly SettingDefinition<string> From = SettingDefinitions.Text(
        "email.from", "", "Sender address", "The From address of every mail, like ipsolis@example.com.", MailGroup, maxLength: 320,
        validate: address => MailAddress.TryCreate(address, out _) ? null : "Sender address must be an e-mail address, like ipsolis@example.com.");

    public static readonly SettingDefinition<string> FromName = SettingDefinitions.Text(
        "email.from_name", "", "Sender name", "Shown as the sender; empty uses the application title.", MailGroup, maxLength: 200);

    public static readonly SettingDefinition<string> Bcc = SettingDefinitions.Text(
        "email.bcc", "", "Blind copy to", "Addresses (comma-separated) that get a blind copy of every mail, like an IT archive.", MailGroup, maxLength: 2000,
        validate: list => Addresses(list).FirstOrDefault(a => !MailAddress.TryCreate(a, out _)) is { } bad ? $"'{bad}' is not an e-mail address." : null);

    public static readonly SettingDefinition<int> TimeoutSeconds = SettingDefinitions.Integer(
        "email.timeout_seconds", 30, 1, 300, "SMTP timeout (seconds)", "How long one delivery may take before it counts as failed and is retried.", MailGroup);

    public static readonly SettingDefinition<string> Language = SettingDefinitions.Text(
        "email.language", "en", "Default language", "en or de: the language of mails whose recipient's language is not known.", MailGroup, maxLength: 2,
        validate: language => language is "en" or "de" ? null : "Default language must be en or de.");

    public static readonly SettingDefinition<bool> TeamsEnabled = SettingDefinitions.Boolean(
        "teams.enabled", false, "Post to Microsoft Teams", "Approval requests and reminders as Adaptive Cards (true or false).", ChatGroup);

    public static readonly SettingDefinition<string?> TeamsWebhook = Webhook(
        "teams.webhook_url", "Teams Workflows webhook URL", "The URL of a Teams workflow \"Post to a channel when a webhook request is received\". Encrypted at rest.");

    public static readonly SettingDefinition<bool> SlackEnabled = SettingDefinitions.Boolean(
        "slack.enabled", false, "Post to Slack", "Approval requests and reminders as Block Kit messages (true or false).", ChatGroup);

    public static readonly SettingDefinition<string?> SlackWebhook = Webhook(
        "slack.webhook_url", "Slack incoming webhook URL", "Like https://hooks.slack.com/services/…; encrypted at rest.");

    public static IEnumerable<ISettingDefinition> All =>
        [SmtpHost, SmtpPort, StartTls, Username, Password, From, FromName, Bcc, TimeoutSeconds, Language, TeamsEnabled, TeamsWebhook, SlackEnabled, SlackWebhook];

    public static IReadOnlyList<string> Addresses(string? list) =>
        (list ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static SettingDefinition<string?> Webhook(string key, string label, string description) =>
        new(key, null, text => text, text =>
        {
            var trimmed = text.Trim();
            if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                return SettingInput.Invalid($"{label} must be an absolute https:// URL.");
            return SettingInput.Valid(trimmed);
        }, label, description, ChatGroup, SettingKind.Secret);
}
