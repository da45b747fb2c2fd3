namespace IpSolis.Server.Features.Directory;

/// <summary>The directory could not answer (down, timed out, refused the service account).</summary>
public sealed class DirectoryUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
