using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Features.Setup;
using IpSolis.Server.Integrations.Slack;
using IpSolis.Server.Integrations.Smtp;
using IpSolis.Server.Integrations.Teams;
using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Observability.Metrics;
using IpSolis.Server.Platform.Settings;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Features.Notifications;

/// <summary>Registers the outbox, its delivery job, templates, the SMTP, Teams and Slack adapters, settings and checklist steps.</summary>
internal static class NotificationsFeature
{
    /// <summary>Call before the lifecycle feature: its notifier registration is a fallback (TryAdd) this one replaces.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddValidatedOptions<NotificationsOptions, NotificationsOptionsValidator>(NotificationsOptions.Section);
        services.AddSingleton<MailRenderer>();
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<NotificationTemplates>();
        services.AddSingleton<NotificationActions>();
        services.AddSingleton<TemplatePreview>();
        services.AddSingleton<IOrderNotifier, MailOrderNotifier>();
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<IChatPoster, TeamsWorkflowPoster>();
        services.AddSingleton<IChatPoster, SlackWebhookPoster>();
        services.AddHttpClient(TeamsWorkflowPoster.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHttpClient(SlackWebhookPoster.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15));

        services.AddTransient<NotificationDelivery>();
        services.AddMetricsSource<NotificationMetrics>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationsOptions>>().Value;
            return new JobKind(NotificationDelivery.Kind, typeof(NotificationDelivery))
            {
                Queue = JobQueues.Notifications,
                MaxAttempts = options.MaxAttempts,
                Timeout = TimeSpan.FromMinutes(5),
                Backoff = new Domain.Jobs.JobBackoff(options.RetryBaseDelay, options.RetryMaxDelay),
            };
        });

        foreach (var setting in NotificationSettings.All)
            services.AddSetting(setting);
        services.AddSetupChecklistItem(new SetupChecklistItem(
            "email", "Connect a mail server", SetupTier.Essential, "/ui/settings/email",
            "Enter the SMTP server and sender address, then send a test mail. Until then mails wait in the delivery log as not sent.",
            async (sp, ct) => MailServer.Configured(await sp.GetRequiredService<SettingsStore>().CurrentAsync(ct)) is { } server
                && !string.Equals(server.Host, "localhost", StringComparison.OrdinalIgnoreCase),
            Order: 40));
        services.AddSetupChecklistItem(new SetupChecklistItem(
            "teams", "Post approvals to Microsoft Teams", SetupTier.Recommended, "/ui/settings/chat",
            "Switch Teams on and enter a Workflows webhook URL.",
            async (sp, ct) =>
            {
                var settings = await sp.GetRequiredService<SettingsStore>().CurrentAsync(ct);
                return settings.Get(NotificationSettings.TeamsEnabled) && settings.IsSet(NotificationSettings.TeamsWebhook);
            },
            Order: 60));
        services.AddSetupChecklistItem(new SetupChecklistItem(
            "slack", "Post approvals to Slack", SetupTier.Recommended, "/ui/settings/chat",
            "Switch Slack on and enter an incoming webhook URL.",
            async (sp, ct) =>
            {
                var settings = await sp.GetRequiredService<SettingsStore>().CurrentAsync(ct);
                return settings.Get(NotificationSettings.SlackEnabled) && settings.IsSet(NotificationSettings.SlackWebhook);
            },
            Order: 61));
        return services;
    }

    public static WebApplication MapNotifications(this WebApplication app, RouteGroupBuilder api)
    {
        NotificationsEndpoints.Map(app, api);
        return app;
    }
}
