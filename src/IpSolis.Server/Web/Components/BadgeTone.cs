namespace IpSolis.Server.Web.Components;

/// <summary>The four meanings a badge can carry; each has its own colour pair in light and dark themes.</summary>
public enum BadgeTone
{
    Neutral,
    Ok,
    Degraded,
    Error,
}
