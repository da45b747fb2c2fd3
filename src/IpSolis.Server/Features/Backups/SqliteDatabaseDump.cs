using IpSolis.Domain.Backups;
using IpSolis.Server.Platform.Data;
using Microsoft.Data.Sqlite;

namespace IpSolis.Server.Features.Backups;

/// <summary>
/// SQLite through its online backup API: a page-by-page copy that is consistent while the application keeps
/// reading and writing (a writer waits for the copy's lock, up to the busy timeout). Restore runs the same API the
/// other way, into the live file, so open connections see the restored pages at once.
/// </summary>
internal sealed class SqliteDatabaseDump(DatabaseConnection connection) : IDatabaseDump
{
    public string Provider => BackupManifest.SqliteProvider;

    public Task DumpAsync(string targetFile, CancellationToken cancellationToken) =>
        Task.Run(() => Copy(connection.ConnectionString, Standalone(targetFile)), cancellationToken);

    public Task RestoreAsync(string sourceFile, CancellationToken cancellationToken) =>
        Task.Run(() =>
        {
            Copy(Standalone(sourceFile), connection.ConnectionString);
            SqliteConnection.ClearAllPools();
        }, cancellationToken);

    private static string Standalone(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();

    private static void Copy(string from, string to)
    {
        using var source = new SqliteConnection(from);
        using var target = new SqliteConnection(to);
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }
}
