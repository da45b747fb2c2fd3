namespace IpSolis.Server.Platform.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>Postgres</c>. A set <see cref="Url"/> selects PostgreSQL on its own.</summary>
    public string? Provider { get; set; }

    /// <summary>Set from <c>DATABASE_URL</c>: <c>postgres://user:pass@host:port/db</c> or an Npgsql connection string.</summary>
    public string? Url { get; set; }

    /// <summary>An explicit connection string for the chosen provider; wins over <see cref="SqlitePath"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite file, relative to the working directory.</summary>
    public string SqlitePath { get; set; } = "data/ipsolis.db";

    /// <summary>SQLite is for one node. Production must say it means it.</summary>
    public bool AllowSqliteInProduction { get; set; }

    /// <summary>How long a command may run before it is abandoned.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>How long a SQLite writer waits for the write lock before it gives up.</summary>
    public int SqliteBusyTimeoutSeconds { get; set; } = 30;

    /// <summary>Connections kept per node on PostgreSQL.</summary>
    public int MaxPoolSize { get; set; } = 50;

    /// <summary>
    /// PostgreSQL: statements a pooled connection runs often are prepared on the server once and reused (Npgsql's
    /// automatic preparation), and a connection returned to the pool keeps them instead of being reset. Each page runs
    /// the same few statements, so the server no longer parses and plans them per request (docs/PERFORMANCE.md,
    /// issue 5). Turn off behind a connection pooler in transaction mode (PgBouncer before 1.21), which cannot carry
    /// prepared statements from one transaction to the next. A connection string's own <c>Max Auto Prepare</c> wins.
    /// </summary>
    public bool PreparedStatements { get; set; } = true;
}
