using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpSolis.Server.Platform.Audit;

/// <summary>
/// Gives pending audit rows their place in the hash chain just before they are written, inside the transaction
/// that writes them: it locks the chain head (PostgreSQL: <c>FOR UPDATE</c>; SQLite: the IMMEDIATE transaction
/// already holds the database's single write lock), numbers and hashes the rows after the head, and moves the head
/// in the same save. Appends from any number of nodes therefore queue on the head row and never fork the chain.
/// When the caller has no transaction one is opened here and committed or rolled back with the save.
/// </summary>
public sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    public static readonly AuditChainInterceptor Instance = new();

    private const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // Transactions opened here, per context, so that exactly those are finished here.
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _opened = new();

    private AuditChainInterceptor()
    {
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ForgetStale(eventData.Context);
        if (eventData.Context is { } context && Pending(context) is { Count: > 0 } pending)
        {
            if (context.Database.CurrentTransaction is null)
                _opened.AddOrUpdate(context, context.Database.BeginTransaction());
            using var command = HeadQuery(context);
            using var reader = command.ExecuteReader();
            var (sequence, hash) = ReadHead(reader);
            reader.Close();
            Chain(context, pending, sequence, hash);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ForgetStale(eventData.Context);
        if (eventData.Context is { } context && Pending(context) is { Count: > 0 } pending)
        {
            if (context.Database.CurrentTransaction is null)
                _opened.AddOrUpdate(context, await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false));
            await using var command = HeadQuery(context);
            long sequence;
            string hash;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    throw MissingHead();
                sequence = reader.GetInt64(0);
                hash = reader.GetString(1);
            }

            Chain(context, pending, sequence, hash);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _opened.TryGetValue(context, out var transaction))
        {
            _opened.Remove(context);
            using (transaction)
                transaction.Commit();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _opened.TryGetValue(context, out var transaction))
        {
            _opened.Remove(context);
            await using (transaction.ConfigureAwait(false))
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

    public override void SaveChangesCanceled(DbContextEventData eventData) => RollBack(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

    /// <summary>
    /// Drops a transaction remembered for <paramref name="context"/> that is no longer its current one. Contexts are
    /// pooled and reused; a save that failed before EF Core reported it (the head query itself failing, say) leaves
    /// its entry behind, and the next save on the reused context must not commit that dead transaction.
    /// </summary>
    private void ForgetStale(DbContext? context)
    {
        if (context is not null && _opened.TryGetValue(context, out var remembered)
            && !ReferenceEquals(remembered, context.Database.CurrentTransaction))
            _opened.Remove(context);
    }

    private void RollBack(DbContext? context)
    {
        if (context is null || !_opened.TryGetValue(context, out var transaction))
            return;
        _opened.Remove(context);
        using (transaction)
            transaction.Rollback();
    }

    private async Task RollBackAsync(DbContext? context)
    {
        if (context is null || !_opened.TryGetValue(context, out var transaction))
            return;
        _opened.Remove(context);
        await using (transaction.ConfigureAwait(false))
            // Not the caller's token: a cancelled save must still release its locks.
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static List<AuditEntry> Pending(DbContext context) =>
        context.ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .OrderBy(e => e.RecordedOrder)
            .ToList();

    private static DbCommand HeadQuery(DbContext context)
    {
        var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction!.GetDbTransaction();
        if (context.Database.GetCommandTimeout() is { } timeout)
            command.CommandTimeout = timeout;
        var lockClause = context.Database.ProviderName == PostgresProvider ? " FOR UPDATE" : "";
        command.CommandText = $"SELECT last_sequence, last_hash FROM {AuditChainHeadConfiguration.Table} WHERE id = {AuditChainHead.SingletonId}{lockClause}";
        return command;
    }

    private static (long Sequence, string Hash) ReadHead(DbDataReader reader) =>
        reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : throw MissingHead();

    private static InvalidOperationException MissingHead() =>
        new("The audit chain head row is missing. Run 'ipsolis migrate' (it creates it); if it was deleted, the audit log has been tampered with.");

    private static void Chain(DbContext context, List<AuditEntry> pending, long lastSequence, string lastHash)
    {
        var sequence = lastSequence;
        var previous = lastHash;
        foreach (var entry in pending)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = previous;
            entry.Hash = AuditRowHash.Compute(entry, previous);
            previous = entry.Hash;
        }

        // Move the head in the same save. A stale tracked copy (from an earlier save on this context) is replaced by
        // the values just read under the lock, which also become the concurrency check of the UPDATE.
        foreach (var tracked in context.ChangeTracker.Entries<AuditChainHead>().ToList())
            tracked.State = EntityState.Detached;
        var head = new AuditChainHead { Id = AuditChainHead.SingletonId, LastSequence = lastSequence, LastHash = lastHash };
        context.Attach(head);
        head.LastSequence = sequence;
        head.LastHash = previous;
    }
}
