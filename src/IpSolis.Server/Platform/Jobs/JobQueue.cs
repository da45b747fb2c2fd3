using System.Data.Common;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IpSolis.Server.Platform.Jobs;

internal sealed class JobQueue(JobKinds kinds, DatabaseConnection database, TimeProvider time, JobSignal signal, JobMetrics metrics) : IJobQueue
{
    // ON CONFLICT DO NOTHING makes the partial unique index (live jobs only) the arbiter of unique keys: two
    // transactions enqueuing the same key race in the database, not in our code, and the loser inserts nothing.
    private const string Insert = $"""
        INSERT INTO {JobConfiguration.Table} (kind, queue, payload, state, priority, run_at, attempt, max_attempts, unique_key, created_at, schedule_name)
        VALUES (@kind, @queue, @payload, '{JobStates.Pending}', @priority, @run_at, 0, @max_attempts, @unique_key, @created_at, @schedule_name)
        ON CONFLICT DO NOTHING
        RETURNING id
        """;

    public async Task<long?> EnqueueAsync(IpSolisDbContext db, JobRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var kind = kinds.Get(request.Kind);
        var queue = request.Queue ?? kind.Queue;
        if (!JobQueues.IsKnown(queue))
            throw new ArgumentException($"'{queue}' is not a queue; use {string.Join(", ", JobQueues.All)}.", nameof(request));
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Enqueue jobs inside the transaction of the change that causes them: call db.Database.BeginTransactionAsync() first.");

        var now = time.GetUtcNow();
        var runAt = request.RunAt ?? now;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = Insert;
        Add(command, "kind", request.Kind);
        Add(command, "queue", queue);
        Add(command, "payload", JobPayloads.Serialize(request.Payload));
        Add(command, "priority", request.Priority);
        Add(command, "run_at", Timestamp(runAt));
        Add(command, "max_attempts", Math.Max(1, request.MaxAttempts ?? kind.MaxAttempts));
        Add(command, "unique_key", request.UniqueKey);
        Add(command, "created_at", Timestamp(now));
        Add(command, "schedule_name", request.ScheduleName);
        var id = await command.ExecuteScalarAsync(cancellationToken);
        if (id is null or DBNull)
            return null;

        metrics.Enqueued(request.Kind, queue);
        if (runAt <= now)
            await WakeWorkersAsync(db, transaction, queue, cancellationToken);
        return Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task WakeWorkersAsync(IpSolisDbContext db, IDbContextTransaction transaction, string queue, CancellationToken cancellationToken)
    {
        if (database.IsSqlite)
        {
            // One node: wake its workers now. Their claim waits on the write gate until this transaction ends, so
            // they see the job exactly if it commits.
            signal.Notify(queue);
            return;
        }

        // NOTIFY inside the transaction is delivered on commit and dropped on rollback; PostgreSQL folds repeats.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = "SELECT pg_notify(@channel, @queue)";
        Add(command, "channel", JobSignal.Channel);
        Add(command, "queue", queue);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // SQLite keeps instants as UTC ticks (see IpSolisDbContext); Npgsql wants UTC offsets for timestamptz.
    private object Timestamp(DateTimeOffset value) => database.IsSqlite ? value.UtcTicks : value.ToUniversalTime();

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
