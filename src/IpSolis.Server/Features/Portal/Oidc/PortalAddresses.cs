using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Portal.Oidc;

/// <summary>The address people reach this installation at, for redirect URIs registered at providers: the
/// configured public base URL (behind a proxy the request's own host may be an internal one), else the request's.</summary>
public static class PortalAddresses
{
    public static Uri BaseOf(HttpContext context, SettingsSnapshot snapshot) =>
        snapshot.Get(GeneralSettings.PublicBaseUrl) is { } configured
            ? new Uri(configured.AbsoluteUri.TrimEnd('/') + "/")
            : new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/");
}
