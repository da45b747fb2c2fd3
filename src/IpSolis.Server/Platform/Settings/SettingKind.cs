namespace IpSolis.Server.Platform.Settings;

/// <summary>How a setting is entered and shown.</summary>
public enum SettingKind
{
    /// <summary>Typed in; shown as it is.</summary>
    Plain,

    /// <summary>Typed in; encrypted at rest and never shown or returned again once saved ("leave blank to keep").</summary>
    Secret,

    /// <summary>A file uploaded on its settings page; the API shows only whether one is set.</summary>
    Upload,
}
