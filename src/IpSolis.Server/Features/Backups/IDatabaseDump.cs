namespace IpSolis.Server.Features.Backups;

/// <summary>Copies the application database to one file and back, the way its provider does it best.</summary>
public interface IDatabaseDump
{
    /// <summary><c>sqlite</c> or <c>postgres</c>, as the manifest records it.</summary>
    string Provider { get; }

    /// <summary>Writes a consistent copy of the live database to <paramref name="targetFile"/> while it keeps serving.</summary>
    Task DumpAsync(string targetFile, CancellationToken cancellationToken);

    /// <summary>Replaces the whole database with the copy in <paramref name="sourceFile"/>.</summary>
    Task RestoreAsync(string sourceFile, CancellationToken cancellationToken);
}
