using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IpSolis.Server.Platform.Data;

/// <summary>The schema's state and its upgrade: what <c>ipsolis migrate</c>, <c>db status</c> and <c>/readyz</c> use.</summary>
public sealed class DatabaseMigrations(IDbContextFactory<IpSolisDbContext> contexts, DatabaseConnection connection)
{
    /// <summary>Every migration this build knows, in order.</summary>
    public IReadOnlyList<string> Known()
    {
        using var context = contexts.CreateDbContext();
        return context.Database.GetMigrations().ToList();
    }

    public async Task<DatabaseStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var known = context.Database.GetMigrations().ToList();
        var applied = (await context.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var serverVersion = await ServerVersionAsync(context, cancellationToken);
        var pending = known.Except(applied, StringComparer.Ordinal).ToList();
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        return new DatabaseStatus(connection.Provider, connection.Describe(), serverVersion, applied, pending, unknown);
    }

    /// <summary>Pending migrations only, with one cheap query: for readiness checks.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var applied = await context.Database.GetAppliedMigrationsAsync(cancellationToken);
        return context.Database.GetMigrations().Except(applied, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Applies pending migrations one by one, each in its own transaction, so a failing migration leaves the schema
    /// as the previous one left it. <paramref name="applying"/> is told each migration's name before it runs.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(Action<string>? applying, CancellationToken cancellationToken)
    {
        if (connection.SqliteFile is { } file)
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        if (connection.IsSqlite)
        {
            // Persistent: set once, every later connection reads and writes in WAL mode.
            await context.Database.OpenConnectionAsync(cancellationToken);
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            await context.Database.CloseConnectionAsync();
        }

        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var migrator = context.GetService<IMigrator>();
        foreach (var migration in pending)
        {
            applying?.Invoke(migration);
            await migrator.MigrateAsync(migration, cancellationToken);
        }

        return pending;
    }

    private static async Task<string> ServerVersionAsync(DbContext context, CancellationToken cancellationToken)
    {
        var db = context.Database.GetDbConnection();
        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return ServerVersion(db, context.Database.IsSqlite());
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    private static string ServerVersion(DbConnection db, bool sqlite) => sqlite ? "SQLite " + db.ServerVersion : "PostgreSQL " + db.ServerVersion;
}

/// <summary>What <c>ipsolis db status</c> prints.</summary>
public sealed record DatabaseStatus(
    DatabaseProvider Provider,
    string Location,
    string ServerVersion,
    IReadOnlyList<string> Applied,
    IReadOnlyList<string> Pending,
    IReadOnlyList<string> UnknownApplied);
