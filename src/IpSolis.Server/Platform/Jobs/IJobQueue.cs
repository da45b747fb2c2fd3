using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// Enqueues background work in the caller's transaction (a transactional outbox): the job exists exactly when the
/// change that causes it commits. Open the transaction first (<c>db.Database.BeginTransactionAsync()</c>), make the
/// change, enqueue, save, commit. A rolled-back transaction leaves no job.
/// </summary>
public interface IJobQueue
{
    /// <summary>Inserts the job in <paramref name="db"/>'s open transaction and wakes the workers when it commits.
    /// Returns the new job's id, or null when a live job already has the request's unique key.</summary>
    /// <exception cref="InvalidOperationException">No transaction is open on <paramref name="db"/>.</exception>
    /// <exception cref="ArgumentException">The kind is not registered or the queue does not exist.</exception>
    Task<long?> EnqueueAsync(IpSolisDbContext db, JobRequest request, CancellationToken cancellationToken = default);
}
