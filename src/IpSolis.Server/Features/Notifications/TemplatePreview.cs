using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Notifications;

/// <summary>Renders a template with its sample values, in the installation's branded frame, for the editor.</summary>
public sealed class TemplatePreview(SettingsStore settings, MailRenderer renderer)
{
    public async Task<string> RenderAsync(TemplateDefinition definition, string culture, TemplateText text, CancellationToken cancellationToken)
    {
        var snapshot = await settings.CurrentAsync(cancellationToken);
        var branding = NotificationOutbox.Branding(snapshot, snapshot.Get(GeneralSettings.PublicBaseUrl) ?? NotificationOutbox.FallbackBaseUrl);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in TemplateDefinition.CommonSamples.Concat(definition.Samples))
            values[key] = value;
        values["app_title"] = branding.Title;
        return renderer.Render(text, values, branding, culture).Html;
    }
}
