using Npgsql;

namespace IpSolis.Server.Tests.Infrastructure;

/// <summary>
/// What scripts/test.sh tells the tests: which provider the integration tests run on
/// (<c>IPSOLIS_TEST_PROVIDER</c>: sqlite or postgres), where the private PostgreSQL cluster is
/// (<c>IPSOLIS_TEST_POSTGRES</c>) and where the PostgreSQL binaries are (<c>IPSOLIS_TEST_PG_BIN</c>).
/// </summary>
public static class TestEnvironment
{
    public static bool UsePostgres =>
        string.Equals(Environment.GetEnvironmentVariable("IPSOLIS_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Superuser connection string of the test cluster. Required when running on PostgreSQL.</summary>
    public static string PostgresAdmin =>
        Environment.GetEnvironmentVariable("IPSOLIS_TEST_POSTGRES")
        ?? throw new InvalidOperationException("IPSOLIS_TEST_PROVIDER=postgres needs IPSOLIS_TEST_POSTGRES (scripts/test.sh sets both).");

    public static string PostgresBin
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("IPSOLIS_TEST_PG_BIN");
            if (!string.IsNullOrEmpty(configured))
                return configured;
            return Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")).First()
                : throw new InvalidOperationException("Set IPSOLIS_TEST_PG_BIN to the PostgreSQL bin directory.");
        }
    }

    /// <summary>Builds the directory the tests run from; the server's build output is copied there.</summary>
    public static string BinDirectory => AppContext.BaseDirectory;

    public static string RandomSecret() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(36));

    internal static string PostgresDatabaseUrl(string connectionString, string database)
    {
        // Timeout is also how long a request waits for a pooled connection. The concurrency tests queue 150 requests
        // behind one row lock while other test classes share the two cores; 15 s (Npgsql's default, which production
        // keeps) was once not enough, and the node then sheds the rest as "database saturated".
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Timeout = 60 };
        return builder.ConnectionString;
    }
}
