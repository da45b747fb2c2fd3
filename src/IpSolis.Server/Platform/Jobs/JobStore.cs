using IpSolis.Domain.Jobs;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// Every state change a worker makes to jobs. Each change that ends an attempt is guarded by "this node still holds
/// the lease": a node that lost its job (lease expired, cancelled) can no longer record anything for it.
/// On SQLite every write runs in a transaction, so it queues at the write gate instead of spinning on the file lock.
/// </summary>
public sealed class JobStore(IDbContextFactory<IpSolisDbContext> contexts, DatabaseConnection database)
{
    // SKIP LOCKED lets every node claim at once without waiting for each other's rows; the ready index hands the
    // rows over in claim order.
    private const string ClaimSql = $$"""
        WITH ready AS (
            SELECT id FROM {{JobConfiguration.Table}}
            WHERE state = '{{JobStates.Pending}}' AND queue = {0} AND run_at <= {1}
            ORDER BY priority DESC, run_at, id
            LIMIT {2}
            FOR UPDATE SKIP LOCKED)
        UPDATE {{JobConfiguration.Table}} AS j
        SET state = '{{JobStates.Running}}', attempt = j.attempt + 1, lease_owner = {3}, lease_expires_at = {4}, started_at = {1}
        FROM ready
        WHERE j.id = ready.id
        RETURNING j.*
        """;

    public IDbContextFactory<IpSolisDbContext> Contexts => contexts;

    /// <summary>Takes up to <paramref name="limit"/> ready jobs of <paramref name="queue"/> for <paramref name="node"/>.</summary>
    public async Task<List<Job>> ClaimAsync(string queue, int limit, string node, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!database.IsSqlite)
        {
            return await db.Set<Job>()
                .FromSqlRaw(ClaimSql, queue, now.ToUniversalTime(), limit, node, leaseUntil.ToUniversalTime())
                .AsNoTracking()
                .ToListAsync(cancellationToken);
        }

        // One writer at a time: inside the gate nobody else can claim the same rows.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var ids = await db.Set<Job>()
            .Where(j => j.State == JobState.Pending && j.Queue == queue && j.RunAt <= now)
            .OrderByDescending(j => j.Priority).ThenBy(j => j.RunAt).ThenBy(j => j.Id)
            .Select(j => j.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
        if (ids.Count == 0)
            return [];
        await db.Set<Job>().Where(j => ids.Contains(j.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.State, JobState.Running)
            .SetProperty(j => j.Attempt, j => j.Attempt + 1)
            .SetProperty(j => j.LeaseOwner, node)
            .SetProperty(j => j.LeaseExpiresAt, leaseUntil)
            .SetProperty(j => j.StartedAt, now), cancellationToken);
        var claimed = await db.Set<Job>().AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed;
    }

    /// <summary>Marks jobs succeeded in one statement; returns how many this node still held.</summary>
    public async Task<int> CompleteAsync(IReadOnlyCollection<long> ids, string node, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = database.IsSqlite ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var done = await Held(db, ids, node).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.State, JobState.Succeeded)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken);
        return done;
    }

    /// <summary>Saves what the handler added to <paramref name="work"/> and marks the job succeeded, atomically and
    /// only if this node still holds it. False (nothing saved) when it does not.</summary>
    public static async Task<bool> CompleteWithAsync(IpSolisDbContext work, long id, string node, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await work.Database.BeginTransactionAsync(cancellationToken);
        var done = await Held(work, [id], node).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.State, JobState.Succeeded)
            .SetProperty(j => j.FinishedAt, now)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        if (done == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await work.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Ends a failed attempt: back to pending at <paramref name="retryAt"/>, or dead when that is null; the
    /// attempt's error is kept. False when this node no longer held the job.</summary>
    public async Task<bool> FailAsync(Job job, string node, string outcome, string error, DateTimeOffset? retryAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var state = retryAt is null ? JobState.Dead : JobState.Pending;
        DateTimeOffset? finishedAt = retryAt is null ? now : null;
        var changed = await Held(db, [job.Id], node).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.State, state)
            .SetProperty(j => j.RunAt, j => retryAt ?? j.RunAt)
            .SetProperty(j => j.FinishedAt, finishedAt)
            .SetProperty(j => j.LastError, error)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        db.Add(new JobAttempt { JobId = job.Id, Attempt = job.Attempt, NodeId = node, StartedAt = job.StartedAt, FinishedAt = now, Outcome = outcome, Error = error });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Hands a job back at shutdown so another node starts it at once. The interrupted attempt does not
    /// count against the job's attempts.</summary>
    public async Task<bool> ReleaseAsync(Job job, string node, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changed = await Held(db, [job.Id], node).ExecuteUpdateAsync(u => u
            .SetProperty(j => j.State, JobState.Pending)
            .SetProperty(j => j.RunAt, now)
            .SetProperty(j => j.Attempt, j => j.Attempt - 1)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        if (changed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        db.Add(new JobAttempt
        {
            JobId = job.Id, Attempt = job.Attempt, NodeId = node, StartedAt = job.StartedAt, FinishedAt = now,
            Outcome = JobAttemptOutcomes.Released, Error = "The node shut down before the job finished; it was handed back.",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Extends the leases of <paramref name="ids"/>; returns the ids this node still holds (a job missing
    /// from the answer was cancelled or taken over, and its handler must stop).</summary>
    public async Task<HashSet<long>> RenewAsync(IReadOnlyCollection<long> ids, string node, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Held(db, ids, node).ExecuteUpdateAsync(u => u.SetProperty(j => j.LeaseExpiresAt, leaseUntil), cancellationToken);
        var held = await Held(db, ids, node).Select(j => j.Id).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. held];
    }

    /// <summary>Puts running jobs whose lease expired back to pending (or dead, after their last attempt), noting the
    /// lost attempt. Returns the queues that got ready jobs.</summary>
    public async Task<IReadOnlyCollection<string>> RescueExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expired = await db.Set<Job>().AsNoTracking()
            .Where(j => j.State == JobState.Running && j.LeaseExpiresAt < now)
            .OrderBy(j => j.LeaseExpiresAt)
            .Take(500)
            .Select(j => new { j.Id, j.Attempt, j.MaxAttempts, j.LeaseOwner, j.StartedAt, j.Queue, j.LeaseExpiresAt })
            .ToListAsync(cancellationToken);
        var queues = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in expired)
        {
            var dead = job.Attempt >= job.MaxAttempts;
            DateTimeOffset? finishedAt = dead ? now : null;
            var error = $"The lease held by node {job.LeaseOwner} expired at {job.LeaseExpiresAt:O}: the node stopped or lost the database.";
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Guarded by the same condition the query used: of several rescuers, one wins.
            var changed = await db.Set<Job>()
                .Where(j => j.Id == job.Id && j.State == JobState.Running && j.LeaseOwner == job.LeaseOwner && j.LeaseExpiresAt < now)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(j => j.State, dead ? JobState.Dead : JobState.Pending)
                    .SetProperty(j => j.RunAt, now)
                    .SetProperty(j => j.FinishedAt, finishedAt)
                    .SetProperty(j => j.LastError, error)
                    .SetProperty(j => j.LeaseOwner, (string?)null)
                    .SetProperty(j => j.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
            if (changed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            db.Add(new JobAttempt { JobId = job.Id, Attempt = job.Attempt, NodeId = job.LeaseOwner, StartedAt = job.StartedAt, FinishedAt = now, Outcome = JobAttemptOutcomes.LeaseExpired, Error = error });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (!dead)
                queues.Add(job.Queue);
        }

        return queues;
    }

    private static IQueryable<Job> Held(IpSolisDbContext db, IReadOnlyCollection<long> ids, string node) =>
        ids.Count == 1
            ? db.Set<Job>().Where(j => j.Id == ids.First() && j.LeaseOwner == node && j.State == JobState.Running)
            : db.Set<Job>().Where(j => ids.Contains(j.Id) && j.LeaseOwner == node && j.State == JobState.Running);
}
