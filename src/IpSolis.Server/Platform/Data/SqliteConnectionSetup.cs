using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// Per-connection SQLite settings: wait for the write lock instead of failing with "database is locked",
/// enforce foreign keys, and trade the last transaction on power loss for speed (WAL with synchronous=NORMAL
/// never corrupts the file). WAL itself is persistent and set once when the database is created.
/// </summary>
internal sealed class SqliteConnectionSetup(int busyTimeoutSeconds) : DbConnectionInterceptor
{
    private readonly string _pragmas =
        $"PRAGMA busy_timeout = {busyTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }
}
