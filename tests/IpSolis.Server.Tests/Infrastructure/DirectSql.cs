using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IpSolis.Server.Tests.Infrastructure;

/// <summary>
/// SQL straight at a test database, past the application: what someone with database access could do. On
/// PostgreSQL <see cref="TamperAsync"/> turns on the audit retention flag first, as an attacker with enough rights
/// could, so the tests reach the hash chain's own checks rather than stopping at the guard trigger.
/// </summary>
public static class DirectSql
{
    public static Task ExecuteAsync(TestDatabase database, params string[] statements) => RunAsync(database, statements, tamper: false);

    public static Task TamperAsync(TestDatabase database, params string[] statements) => RunAsync(database, statements, tamper: true);

    public static async Task<T> ScalarAsync<T>(TestDatabase database, string sql)
    {
        object? value;
        if (database.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            value = await command.ExecuteScalarAsync();
        }
        else
        {
            await using var connection = new SqliteConnection($"Data Source={database.SqlitePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            value = await command.ExecuteScalarAsync();
        }

        return (T)Convert.ChangeType(value!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static async Task RunAsync(TestDatabase database, string[] statements, bool tamper)
    {
        if (database.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(database.PostgresConnectionString);
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            if (tamper)
            {
                await using var flag = new NpgsqlCommand("SET LOCAL ipsolis.audit_retention = 'on'", connection, transaction);
                await flag.ExecuteNonQueryAsync();
            }

            foreach (var sql in statements)
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                await command.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            return;
        }

        await using var sqlite = new SqliteConnection($"Data Source={database.SqlitePath};Pooling=False");
        await sqlite.OpenAsync();
        await using var sqliteTransaction = sqlite.BeginTransaction();
        foreach (var sql in statements)
        {
            await using var command = sqlite.CreateCommand();
            command.Transaction = sqliteTransaction;
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        await sqliteTransaction.CommitAsync();
    }
}
