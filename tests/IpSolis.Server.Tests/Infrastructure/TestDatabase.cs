using Npgsql;

namespace IpSolis.Server.Tests.Infrastructure;

/// <summary>
/// An empty database of the provider under test, private to one test: a SQLite file in a temp directory, or a fresh
/// database on the test PostgreSQL cluster. Gives the settings a host or a child process needs to use it.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresAdmin;

    private TestDatabase(string directory, string? postgresDatabase, string? postgresConnectionString, string? postgresAdmin = null)
    {
        _postgresAdmin = postgresAdmin;
        Directory = directory;
        PostgresDatabase = postgresDatabase;
        PostgresConnectionString = postgresConnectionString;
    }

    /// <summary>A scratch directory for this test (data directory, SQLite file, logs).</summary>
    public string Directory { get; }

    public string? PostgresDatabase { get; }

    public string? PostgresConnectionString { get; }

    public bool IsPostgres => PostgresDatabase is not null;

    public string SqlitePath => Path.Combine(Directory, "ipsolis.db");

    public static Task<TestDatabase> CreateAsync() => CreateAsync(TestEnvironment.UsePostgres ? TestEnvironment.PostgresAdmin : null);

    /// <summary>Creates a database on the cluster at <paramref name="postgresAdmin"/>, or a SQLite one when null.</summary>
    public static async Task<TestDatabase> CreateAsync(string? postgresAdmin)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ipsolis-test-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        if (postgresAdmin is null)
            return new TestDatabase(directory, null, null);

        var name = "ipsolis_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(postgresAdmin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(directory, name, TestEnvironment.PostgresDatabaseUrl(postgresAdmin, name), postgresAdmin);
    }

    /// <summary>
    /// A database of the provider under test with every migration applied: a copy of one template migrated once per
    /// test run (PostgreSQL <c>CREATE DATABASE ... TEMPLATE</c>, or a copy of a SQLite file). Applying the whole
    /// schema for each of several hundred tests was a large share of the suite's time; the migrations themselves
    /// stay covered by the tests that start from <see cref="CreateAsync()"/>.
    /// </summary>
    public static async Task<TestDatabase> CreateMigratedAsync()
    {
        var template = await MigratedTemplate.Value;
        var directory = Path.Combine(Path.GetTempPath(), "ipsolis-test-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        if (template.PostgresDatabase is null)
        {
            File.Copy(template.SqlitePath, Path.Combine(directory, "ipsolis.db"));
            if (File.Exists(template.SqlitePath + "-wal"))
                File.Copy(template.SqlitePath + "-wal", Path.Combine(directory, "ipsolis.db-wal"));
            return new TestDatabase(directory, null, null);
        }

        var admin = TestEnvironment.PostgresAdmin;
        var name = "ipsolis_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template.PostgresDatabase}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(directory, name, TestEnvironment.PostgresDatabaseUrl(admin, name), admin);
    }

    // Never disposed: the template lives for the test process (its SQLite file sits in the temp directory, the
    // PostgreSQL database on the run's throwaway cluster, deleted with it).
    private static readonly Lazy<Task<TestDatabase>> MigratedTemplate = new(CreateTemplateAsync);

    private static async Task<TestDatabase> CreateTemplateAsync()
    {
        var template = await CreateAsync();
        await IpSolisFactory.MigrateAsync(template);
        // A template must have no open connection while it is copied (PostgreSQL refuses; a SQLite copy would miss
        // the WAL): closing the pooled connections checkpoints SQLite's WAL into the file.
        // (The migrator's pool is keyed by the connection string it derived, so every pool is cleared.)
        if (template.IsPostgres)
            NpgsqlConnection.ClearAllPools();
        else
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        return template;
    }

    /// <summary>Configuration keys for an in-process host.</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Server:DataDirectory"] = Path.Combine(Directory, "data"),
            ["Security:ApiSecretKey"] = TestEnvironment.RandomSecret(),
        };
        if (IsPostgres)
        {
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = PostgresConnectionString;
        }
        else
        {
            settings["Database:Provider"] = "Sqlite";
            settings["Database:SqlitePath"] = SqlitePath;
        }

        return settings;
    }

    /// <summary>Environment variables for an <c>ipsolis</c> child process, in the names operators use.</summary>
    public Dictionary<string, string?> EnvironmentVariables()
    {
        var variables = new Dictionary<string, string?>
        {
            ["IPSOLIS_Server__DataDirectory"] = Path.Combine(Directory, "data"),
            ["API_SECRET_KEY"] = TestEnvironment.RandomSecret(),
        };
        if (IsPostgres)
            variables["DATABASE_URL"] = PostgresConnectionString;
        else
        {
            // Child processes run as an installed node would: in Production, where SQLite must be allowed explicitly.
            variables["IPSOLIS_Database__SqlitePath"] = SqlitePath;
            variables["IPSOLIS_Database__AllowSqliteInProduction"] = "true";
        }

        return variables;
    }

    public ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null && PostgresDatabase is not null)
        {
            // Idle connections of finished tests must not hold the cluster's connection slots until their database is
            // dropped: without this, 200 parallel orders of a later test ran its pool dry. Only this database's pools
            // are cleared, so the tests running beside this one keep their connections.
            ClearPostgresPools(PostgresConnectionString!);
            DatabaseDrops.Enqueue(_postgresAdmin, PostgresDatabase);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp directory is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Clears the pools of one test database: the connection string tests use, and the one a host derives from it
    /// (pools are keyed by the exact string).
    /// </summary>
    private static void ClearPostgresPools(string connectionString)
    {
        var derived = IpSolis.Server.Platform.Data.DatabaseConnection.Resolve(new IpSolis.Server.Platform.Data.DatabaseOptions
        {
            Provider = "Postgres",
            ConnectionString = connectionString,
        }).Connection?.ConnectionString;
        foreach (var pooled in new[] { connectionString, derived }.OfType<string>().Distinct())
        {
            using var connection = new NpgsqlConnection(pooled);
            NpgsqlConnection.ClearPool(connection);
        }
    }
}
