using IpSolis.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IpSolis.Server.Tests;

/// <summary><c>ipsolis migrate</c> and <c>ipsolis db status</c> on the provider under test (scripts/test.sh runs both).</summary>
public sealed class MigrationCommandTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Dictionary<string, string?> Environment() => _database.EnvironmentVariables();

    [Fact]
    public async Task StatusThenMigrateThenStatus_ReportsPendingAppliesThemAndReportsCurrent()
    {
        var (before, beforeProcess) = await IpSolisProcess.RunAsync(_database.Directory, Environment(), "db", "status");
        before.Should().Be(2, beforeProcess.AllOutput);
        var beforeText = string.Join('\n', beforeProcess.StandardOutput);
        beforeText.Should().Contain(_database.IsPostgres ? "Provider:       PostgreSQL" : "Provider:       SQLite")
            .And.Contain("_Initial").And.Contain("Run 'ipsolis migrate'").And.MatchRegex(@"Applied \(0\)");

        var (migrate, migrateProcess) = await IpSolisProcess.RunAsync(_database.Directory, Environment(), "migrate");
        migrate.Should().Be(0, migrateProcess.AllOutput);
        migrateProcess.StandardOutput.Should().Contain(l => l.StartsWith("Applying ", StringComparison.Ordinal) && l.Contains("_Initial"));
        migrateProcess.StandardOutput.Should().Contain(l => l.StartsWith("Applied ", StringComparison.Ordinal));

        var (after, afterProcess) = await IpSolisProcess.RunAsync(_database.Directory, Environment(), "db", "status");
        after.Should().Be(0, afterProcess.AllOutput);
        var afterText = string.Join('\n', afterProcess.StandardOutput);
        afterText.Should().Contain("Pending (0): none").And.MatchRegex(@"Server version: (PostgreSQL|SQLite) \d+");

        var (again, againProcess) = await IpSolisProcess.RunAsync(_database.Directory, Environment(), "migrate");
        again.Should().Be(0);
        againProcess.StandardOutput.Should().Contain("No pending migrations: the schema is current.");
    }

    [Fact]
    public async Task Migrate_WhenAMigrationFails_LeavesTheSchemaUnchanged()
    {
        // An object in the way of the initial migration's last statement: the migration must fail and roll back whole.
        await ExecuteAsync("CREATE TABLE squatter (id integer)", "CREATE INDEX ix_cluster_nodes_last_seen_at ON squatter (id)");

        var (exitCode, process) = await IpSolisProcess.RunAsync(_database.Directory, Environment(), "migrate");

        exitCode.Should().Be(1, process.AllOutput);
        process.StandardError.Should().ContainSingle().Which.Should().Contain("_Initial failed and was rolled back");
        (await TableExistsAsync("cluster_nodes")).Should().BeFalse("the failed migration's earlier statements were rolled back");
        (await CountHistoryAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Serve_MigratesByItselfOnSqlite_ButRefusesOnPostgresNamingTheCommand()
    {
        var port = IpSolisProcess.FreePort();
        if (_database.IsPostgres)
        {
            var (exitCode, process) = await IpSolisProcess.RunAsync(_database.Directory, Environment(), "serve", "--urls", $"http://127.0.0.1:{port}");

            exitCode.Should().Be(1, process.AllOutput);
            process.StandardError.Should().ContainSingle().Which.Should().Contain("migration(s) pending").And.Contain("ipsolis migrate");
            (await TableExistsAsync("cluster_nodes")).Should().BeFalse("a PostgreSQL node never migrates on its own");
            return;
        }

        await using (var serve = IpSolisProcess.Start(_database.Directory, Environment(), "serve", "--urls", $"http://127.0.0.1:{port}"))
        {
            await serve.WaitUntilReadyAsync($"http://127.0.0.1:{port}/readyz", IpSolisProcess.StartTimeout);
            serve.Terminate();
            await serve.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        (await TableExistsAsync("cluster_nodes")).Should().BeTrue("the single embedded node upgrades its own schema");
        var (status, statusProcess) = await IpSolisProcess.RunAsync(_database.Directory, Environment(), "db", "status");
        status.Should().Be(0, statusProcess.AllOutput);
    }

    private async Task ExecuteAsync(params string[] statements)
    {
        if (_database.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(_database.PostgresConnectionString);
            await connection.OpenAsync();
            foreach (var sql in statements)
                await new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new SqliteConnection($"Data Source={_database.SqlitePath};Pooling=False");
            await connection.OpenAsync();
            foreach (var sql in statements)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }
        }
    }

    private async Task<bool> TableExistsAsync(string table) => await ScalarAsync<long>(_database.IsPostgres
        ? $"SELECT count(*) FROM information_schema.tables WHERE table_name = '{table}'"
        : $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'") > 0;

    private async Task<long> CountHistoryAsync()
    {
        if (!await TableExistsAsync("__EFMigrationsHistory"))
            return 0;
        return await ScalarAsync<long>("SELECT count(*) FROM \"__EFMigrationsHistory\"");
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        if (_database.IsPostgres)
        {
            await using var connection = new NpgsqlConnection(_database.PostgresConnectionString);
            await connection.OpenAsync();
            return (T)Convert.ChangeType((await new NpgsqlCommand(sql, connection).ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var sqlite = new SqliteConnection($"Data Source={_database.SqlitePath};Pooling=False");
        await sqlite.OpenAsync();
        await using var command = sqlite.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
