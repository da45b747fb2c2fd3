using IpSolis.Server.Platform.Data;
using Npgsql;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// Which node fires recurring jobs. On PostgreSQL: whoever holds a session advisory lock on a dedicated connection.
/// The lock lives exactly as long as that connection, so a node that dies, or loses the connection, loses
/// leadership, and the next node's try wins. On SQLite the one node always leads.
/// </summary>
public sealed class SchedulerLeadership(DatabaseConnection database) : IAsyncDisposable
{
    /// <summary>The advisory lock key ("ipsolis" "sched" as bytes): shared by every node of an installation.</summary>
    public const long LockKey = 0x6970_736F_6C73_6368;

    private NpgsqlConnection? _connection;

    public bool IsLeader { get; private set; }

    /// <summary>Keeps or tries to take leadership; true while this node leads. Throws nothing for database trouble:
    /// it just answers false until the database is back.</summary>
    public Task<bool> CheckAsync(CancellationToken cancellationToken) =>
        database.IsSqlite ? Task.FromResult(IsLeader = true) : CheckPostgresAsync(cancellationToken);

    // Apart from CheckAsync so that a SQLite node, which calls CheckAsync twice a second, never prepares this
    // method: preparing it loads the Npgsql assembly (see PostgresProvider).
    private async Task<bool> CheckPostgresAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_connection is null)
            {
                var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 5, Timeout = 5, CommandTimeout = 5 };
                _connection = new NpgsqlConnection(builder.ConnectionString);
                await _connection.OpenAsync(cancellationToken);
            }

            if (IsLeader)
            {
                // Proves the connection, and with it the lock, is still there.
                await using var probe = new NpgsqlCommand("SELECT 1", _connection);
                await probe.ExecuteScalarAsync(cancellationToken);
                return true;
            }

            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", _connection);
            take.Parameters.AddWithValue("key", LockKey);
            IsLeader = (bool)(await take.ExecuteScalarAsync(cancellationToken))!;
            return IsLeader;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or System.IO.IOException)
        {
            await DropAsync();
            return false;
        }
    }

    /// <summary>Gives leadership up at once (shutdown), so the next node need not wait for a timeout.</summary>
    public Task ResignAsync() => DropAsync();

    private async Task DropAsync()
    {
        IsLeader = false;
        var connection = _connection;
        _connection = null;
        if (connection is not null)
            await connection.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await DropAsync();
}
