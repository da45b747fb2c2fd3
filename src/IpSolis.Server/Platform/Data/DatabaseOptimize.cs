using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// <c>database.optimize</c>, hourly: keeps the query planner's statistics current. On SQLite it runs
/// <c>PRAGMA optimize = 0x10002</c>, which analyzes only the tables whose statistics are missing or stale (bounded by an
/// analysis limit, so it takes milliseconds); without those statistics SQLite guesses, and a guess is what turned the
/// portal's order lists into table scans. PostgreSQL's autovacuum keeps its own statistics, so there it does nothing.
/// </summary>
internal sealed class DatabaseOptimize(IDbContextFactory<IpSolisDbContext> contexts, DatabaseConnection connection) : IJobHandler
{
    public const string Kind = "database.optimize";

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        if (!connection.IsSqlite)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // In a transaction: ANALYZE writes sqlite_stat1, and writers queue at the write gate like every other write.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
