using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Settings;

namespace IpSolis.Server.Features.Maintenance;

/// <summary>
/// Maintenance mode, read from the runtime settings (so it holds on every node of a cluster, cached a few seconds)
/// and switched through them (so every switch is audited like any setting change).
/// </summary>
public sealed class MaintenanceMode(SettingsStore settings)
{
    public async ValueTask<bool> IsOnAsync(CancellationToken cancellationToken = default) =>
        await settings.GetAsync(MaintenanceSettings.Enabled, cancellationToken);

    public async ValueTask<int> RetryAfterSecondsAsync(CancellationToken cancellationToken = default) =>
        await settings.GetAsync(MaintenanceSettings.RetryAfterSeconds, cancellationToken);

    /// <summary>Turns maintenance mode on or off; true when that changed it.</summary>
    public async Task<bool> SetAsync(bool on, AuditActor actor, CancellationToken cancellationToken = default)
    {
        var result = await settings.SaveAsync(
            new Dictionary<string, string?> { [MaintenanceSettings.Enabled.Key] = on ? "true" : "false" }, actor, cancellationToken);
        settings.Invalidate();
        return result.Changed.Count > 0;
    }
}
