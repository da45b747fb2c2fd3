using Microsoft.Data.Sqlite;
using Npgsql;

namespace IpSolis.Server.Platform.Data;

/// <summary>The provider and connection string this node uses, resolved once from <see cref="DatabaseOptions"/>.</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>How many statements a PostgreSQL connection keeps prepared (<see cref="DatabaseOptions.PreparedStatements"/>):
    /// enough for every statement the pages and workers repeat, few enough that the server's memory per connection stays small.</summary>
    internal const int PreparedStatementsPerConnection = 100;

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    /// <summary>The SQLite file, or null on PostgreSQL.</summary>
    public string? SqliteFile => IsSqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>Host, port and database, never the password: safe to print and log.</summary>
    public string Describe() => IsSqlite ? $"SQLite {SqliteFile}" : PostgresProvider.Describe(ConnectionString);

    /// <summary>Resolves the connection, or says which setting is wrong and why (never echoing a password).</summary>
    public static (DatabaseConnection? Connection, string? Problem) Resolve(DatabaseOptions options)
    {
        var providerName = options.Provider?.Trim();
        DatabaseProvider provider;
        if (!string.IsNullOrEmpty(options.Url))
            provider = DatabaseProvider.Postgres;
        else if (string.IsNullOrEmpty(providerName) || providerName.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
            provider = DatabaseProvider.Sqlite;
        else if (providerName.Equals("postgres", StringComparison.OrdinalIgnoreCase)
                 || providerName.Equals("postgresql", StringComparison.OrdinalIgnoreCase)
                 || providerName.Equals("npgsql", StringComparison.OrdinalIgnoreCase))
            provider = DatabaseProvider.Postgres;
        else
            return (null, $"IPSOLIS_Database__Provider: '{providerName}' is not a provider; use Sqlite or Postgres.");

        if (provider == DatabaseProvider.Sqlite)
            return (new DatabaseConnection(provider, SqliteConnectionString(options)), null);

        var source = !string.IsNullOrEmpty(options.Url) ? options.Url : options.ConnectionString;
        var settingName = !string.IsNullOrEmpty(options.Url) ? "DATABASE_URL" : "IPSOLIS_Database__ConnectionString";
        if (string.IsNullOrWhiteSpace(source))
            return (null, "DATABASE_URL: PostgreSQL is selected but no DATABASE_URL or IPSOLIS_Database__ConnectionString is set.");

        var (connectionString, problem) = PostgresConnectionString(source, options);
        return problem is null
            ? (new DatabaseConnection(provider, connectionString!), null)
            : (null, $"{settingName}: {problem}");
    }

    private static string SqliteConnectionString(DatabaseOptions options)
    {
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = options.SqlitePath }
            : new SqliteConnectionStringBuilder(options.ConnectionString);
        if (builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
            builder.DataSource = Path.GetFullPath(builder.DataSource);
        builder.Cache = SqliteCacheMode.Private;
        builder.Pooling = true;
        builder.DefaultTimeout = options.SqliteBusyTimeoutSeconds;
        builder.ForeignKeys = true;
        return builder.ToString();
    }

    /// <summary>Accepts <c>postgres://user:pass@host:port/db?sslmode=require</c> or an Npgsql connection string.</summary>
    internal static (string? ConnectionString, string? Problem) PostgresConnectionString(string source, DatabaseOptions options)
    {
        NpgsqlConnectionStringBuilder builder;
        if (source.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || source.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
                return (null, "is not a valid URL; expected postgres://user:password@host:5432/database.");
            var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
            if (database.Length == 0)
                return (null, "names no database; expected postgres://user:password@host:5432/database.");

            builder = new NpgsqlConnectionStringBuilder
            {
                Host = uri.Host,
                Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
                Database = database,
            };
            var userInfo = uri.UserInfo.Split(':', 2);
            if (userInfo[0].Length > 0)
                builder.Username = Uri.UnescapeDataString(userInfo[0]);
            if (userInfo.Length == 2)
                builder.Password = Uri.UnescapeDataString(userInfo[1]);

            foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                var key = Uri.UnescapeDataString(parts[0]);
                var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
                try
                {
                    builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
                }
                catch (ArgumentException)
                {
                    return (null, $"has an unknown query parameter '{key}'.");
                }
            }
        }
        else
        {
            try
            {
                builder = new NpgsqlConnectionStringBuilder(source);
            }
            catch (ArgumentException ex)
            {
                // Npgsql's message names the bad keyword, never the values.
                return (null, $"is neither a postgres:// URL nor a valid connection string ({ex.Message}).");
            }

            if (string.IsNullOrEmpty(builder.Host))
                return (null, "names no host.");
        }

        if (builder.MaxPoolSize == 100)
            builder.MaxPoolSize = options.MaxPoolSize;
        if (builder.CommandTimeout == 30)
            builder.CommandTimeout = options.CommandTimeoutSeconds;
        builder.ApplicationName ??= "ipsolis";
        if (options.PreparedStatements && builder.MaxAutoPrepare == 0)
        {
            // The product keeps no session state on a pooled connection (no SET, temporary tables, session advisory
            // locks or LISTEN: those use transaction-scoped forms or a connection of their own), so nothing needs the
            // reset that would also throw the prepared statements away.
            builder.MaxAutoPrepare = PreparedStatementsPerConnection;
            builder.NoResetOnClose = true;
        }

        return (builder.ConnectionString, null);
    }
}
