namespace IpSolis.Server.Features.Directory;

/// <summary>Checks that an external directory answers: for the health check and the settings page's "Test connection".</summary>
public interface IDirectoryProbe
{
    /// <param name="sampleSize">People to read in the sample search; 0 only binds and reads the base DN.</param>
    Task<DirectoryProbeReport> ProbeAsync(int sampleSize, CancellationToken cancellationToken);
}
