using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Notifications;

/// <summary>The SMTP settings in effect for one delivery.</summary>
public sealed record MailServer(
    string Host,
    int Port,
    bool StartTls,
    string? Username,
    string? Password,
    string From,
    string FromName,
    IReadOnlyList<string> Bcc,
    TimeSpan Timeout)
{
    /// <summary>The configured server, or null while no SMTP host or sender address is set.</summary>
    public static MailServer? Configured(SettingsSnapshot settings)
    {
        var host = settings.Get(NotificationSettings.SmtpHost);
        var from = settings.Get(NotificationSettings.From);
        if (string.IsNullOrWhiteSpace(host) || string.IsNullOrWhiteSpace(from))
            return null;
        var username = settings.Get(NotificationSettings.Username);
        var fromName = settings.Get(NotificationSettings.FromName);
        return new MailServer(
            host,
            settings.Get(NotificationSettings.SmtpPort),
            settings.Get(NotificationSettings.StartTls),
            string.IsNullOrWhiteSpace(username) ? null : username,
            settings.Get(NotificationSettings.Password),
            from,
            string.IsNullOrWhiteSpace(fromName) ? settings.Get(GeneralSettings.ApplicationTitle) : fromName,
            NotificationSettings.Addresses(settings.Get(NotificationSettings.Bcc)),
            TimeSpan.FromSeconds(settings.Get(NotificationSettings.TimeoutSeconds)));
    }

    /// <summary>How the log and the test button describe the server: never the password.</summary>
    public string Describe() =>
        $"{Host}:{Port}{(StartTls ? " with STARTTLS" : "")}{(Username is null ? "" : $", signed in as {Username}")}";
}
