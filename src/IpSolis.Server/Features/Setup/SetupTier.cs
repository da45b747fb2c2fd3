namespace IpSolis.Server.Features.Setup;

/// <summary>How much a setup step matters: essential ones block a working installation, recommended ones improve it.</summary>
public enum SetupTier
{
    Essential,
    Recommended,
}
