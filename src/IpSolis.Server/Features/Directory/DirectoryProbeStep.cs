namespace IpSolis.Server.Features.Directory;

/// <param name="Name">Like "Connect and bind", "Read the base DN", "Sample search".</param>
public sealed record DirectoryProbeStep(string Name, bool Succeeded, string Message, TimeSpan Elapsed);
