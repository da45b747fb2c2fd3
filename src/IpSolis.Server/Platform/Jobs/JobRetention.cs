using IpSolis.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Jobs;

/// <summary><c>jobs.retention</c>: deletes succeeded and cancelled jobs older than <see cref="JobsOptions.RetentionDays"/>
/// (with their attempts and drill results). Dead jobs stay until an operator deletes them.</summary>
internal sealed class JobRetention(JobStore store, IOptions<JobsOptions> options, TimeProvider time) : IJobHandler
{
    public const string Kind = "jobs.retention";

    public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
        await using var db = await store.Contexts.CreateDbContextAsync(cancellationToken);
        // Batches keep each transaction short (SQLite has one writer).
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ids = await db.Set<Job>()
                .Where(j => (j.State == JobState.Succeeded || j.State == JobState.Cancelled) && j.FinishedAt < cutoff)
                .OrderBy(j => j.Id).Select(j => j.Id).Take(1000)
                .ToListAsync(cancellationToken);
            if (ids.Count == 0)
                break;
            await db.Set<JobDrillResult>().Where(r => ids.Contains(r.JobId)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<JobAttempt>().Where(a => ids.Contains(a.JobId)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<Job>().Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
