using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IpSolis.Server.Platform.Data;

/// <summary>
/// SQLite allows one writer at a time. Instead of letting parallel requests spin on the file lock (and, for a
/// transaction that read before it wrote, fail with "database is locked"), writers queue here, in process, in
/// arrival order. Every write goes through a transaction (the context sets auto-transactions to Always on SQLite),
/// and transactions begin IMMEDIATE, so holding this gate from BEGIN to COMMIT is holding the write lock.
/// </summary>
public sealed class SqliteWriteGate(TimeSpan wait) : DbTransactionInterceptor, IDbConnectionInterceptor
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Which connections hold the gate, so that the release happens exactly once whichever way the transaction ends.
    private readonly ConditionalWeakTable<DbConnection, object> _holders = new();
    private static readonly object Held = new();

    /// <summary>Writers waiting right now (for metrics and tests).</summary>
    public int Waiting => _waiting;

    private int _waiting;

    /// <summary>Whether a writer holds the lock right now (for metrics).</summary>
    public bool IsHeld => _gate.CurrentCount == 0;

    /// <summary>How many times a writer took the lock since start (for metrics).</summary>
    public long Acquired => Interlocked.Read(ref _acquired);

    /// <summary>The time writers spent waiting for the lock since start, summed (for metrics).</summary>
    public TimeSpan Waited => TimeSpan.FromTicks(Interlocked.Read(ref _waitedTicks));

    private long _acquired;
    private long _waitedTicks;

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _waiting);
        try
        {
            if (!_gate.Wait(wait))
                throw Timeout();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        Taken(started);
        _holders.AddOrUpdate(connection, Held);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _waiting);
        try
        {
            if (!await _gate.WaitAsync(wait, cancellationToken).ConfigureAwait(false))
                throw Timeout();
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        Taken(started);
        _holders.AddOrUpdate(connection, Held);
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context?.Database.GetDbConnection());

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context?.Database.GetDbConnection());

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData)
    {
        // A failed COMMIT or ROLLBACK leaves no open transaction in SQLite's autocommit sense; a failed BEGIN holds nothing.
        Release(eventData.Context?.Database.GetDbConnection());
    }

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context?.Database.GetDbConnection());
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback is rolled back when its connection closes: release then.
    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    Task IDbConnectionInterceptor.ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    private void Taken(long started)
    {
        Interlocked.Increment(ref _acquired);
        Interlocked.Add(ref _waitedTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
    }

    private void Release(DbConnection? connection)
    {
        if (connection is not null && _holders.Remove(connection))
            _gate.Release();
    }

    private TimeoutException Timeout() =>
        new($"Waited {wait.TotalSeconds:0} s for the SQLite write lock. Another write is taking too long; "
            + "SQLite serves one node with short writes. Use PostgreSQL for heavier load.");
}
