namespace IpSolis.Server.Web.Components;

/// <summary>How serious an alert is: it picks the colour, the icon and whether screen readers hear it at once.</summary>
public enum AlertTone
{
    Info,
    Success,
    Warning,
    Error,
}
