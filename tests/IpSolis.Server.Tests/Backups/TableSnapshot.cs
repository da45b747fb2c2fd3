using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IpSolis.Server.Tests.Backups;

/// <summary>Row count and a content hash (SHA-256 over every row, sorted) of each table, read past the application.</summary>
public static class TableSnapshot
{
    /// <summary>Tables whose rows a restore itself or the running host's background machinery write: compared apart.</summary>
    public static readonly IReadOnlySet<string> Volatile = new HashSet<string>(StringComparer.Ordinal)
    {
        "audit_log", "audit_chain_head", "settings", "jobs", "job_attempts", "job_leaders", "job_schedules", "job_drill_results",
        "cluster_nodes", "__EFMigrationsLock", "notification_messages", "idempotency_keys",
    };

    public static async Task<IReadOnlyDictionary<string, (long Rows, string Hash)>> TakeAsync(TestDatabase database)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = database.IsPostgres
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }

        var result = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !Volatile.Contains(t)))
            result[table] = await HashAsync(connection, $"SELECT * FROM \"{table}\"");
        return result;
    }

    /// <summary>The audit rows up to <paramref name="lastSequence"/>: count and hash.</summary>
    public static async Task<(long Rows, string Hash)> AuditPrefixAsync(TestDatabase database, long lastSequence)
    {
        await using var connection = Open(database);
        await connection.OpenAsync();
        return await HashAsync(connection, $"SELECT * FROM audit_log WHERE sequence <= {lastSequence}");
    }

    private static DbConnection Open(TestDatabase database) => database.IsPostgres
        ? new NpgsqlConnection(database.PostgresConnectionString)
        : new SqliteConnection($"Data Source={database.SqlitePath};Pooling=False");

    private static async Task<(long Rows, string Hash)> HashAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values[i] = reader.IsDBNull(i) ? "<null>" : reader.GetValue(i) switch
                {
                    byte[] bytes => Convert.ToBase64String(bytes),
                    DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
                    DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    var other => other.ToString() ?? "",
                };
            }

            rows.Add(string.Join('\u001f', values));
        }

        rows.Sort(StringComparer.Ordinal);
        return (rows.Count, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001e', rows)))));
    }
}
