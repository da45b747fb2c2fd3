using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Setup;

public static class SetupChecklistServices
{
    /// <summary>The checklist and the steps this version knows; later features add theirs with <see cref="AddSetupChecklistItem"/>.</summary>
    public static IServiceCollection AddSetupChecklist(this IServiceCollection services)
    {
        services.AddSingleton<SetupChecklist>();
        services.AddSetupChecklistItem(new SetupChecklistItem(
            "administrator", "Create an administrator", SetupTier.Essential, "/ui/admin-users",
            "At least one active administrator account can sign in.",
            async (sp, ct) =>
            {
                await using var db = await sp.GetRequiredService<IDbContextFactory<IpSolisDbContext>>().CreateDbContextAsync(ct);
                return await db.Set<AdminUser>().AnyAsync(u => u.IsActive, ct);
            },
            Order: 10));
        services.AddSetupChecklistItem(new SetupChecklistItem(
            "base_url", "Set the public base URL", SetupTier.Essential, "/ui/settings",
            "Links in e-mails and sign-in redirects are built from it.",
            async (sp, ct) => await sp.GetRequiredService<SettingsStore>().GetAsync(GeneralSettings.PublicBaseUrl, ct) is not null,
            Order: 20));
        services.AddSetupChecklistItem(new SetupChecklistItem(
            "branding", "Set the application title", SetupTier.Essential, "/ui/settings",
            "Give the installation your organisation's name (or upload a logo).",
            async (sp, ct) =>
            {
                var settings = await sp.GetRequiredService<SettingsStore>().CurrentAsync(ct);
                var title = settings.Get(GeneralSettings.ApplicationTitle);
                return settings.Get(GeneralSettings.Logo) is not null
                    || !(title == GeneralSettings.DefaultTitle || title.Equals("ipsolis", StringComparison.OrdinalIgnoreCase));
            },
            Order: 30));
        return services;
    }

    public static IServiceCollection AddSetupChecklistItem(this IServiceCollection services, SetupChecklistItem item)
    {
        services.AddSingleton(item);
        return services;
    }
}
