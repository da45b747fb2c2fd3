using IpSolis.Domain.Jobs;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Maintenance.Jobs;

/// <summary>What an operator may do to jobs and schedules. Each change writes its audit row in the same transaction.</summary>
public sealed class JobActions(IDbContextFactory<IpSolisDbContext> contexts, IJobQueue queue, JobSignal signal, IAuditTrail audit, TimeProvider time)
{
    /// <summary>Runs a dead or cancelled job again with a fresh set of attempts (its earlier attempts stay on
    /// record); a pending job waiting for its retry runs now.</summary>
    public Task<JobActionResult> RetryAsync(long id, AuditActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, "job.retried", cancellationToken, job =>
        {
            if (job.State is not (JobState.Dead or JobState.Cancelled or JobState.Pending))
                return false;
            if (job.State != JobState.Pending)
                job.Attempt = 0;
            job.State = JobState.Pending;
            job.RunAt = time.GetUtcNow();
            job.FinishedAt = null;
            return true;
        });

    /// <summary>Cancels a pending or running job. A running handler's token fires at its node's next heartbeat.</summary>
    public Task<JobActionResult> CancelAsync(long id, AuditActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, "job.cancelled", cancellationToken, job =>
        {
            if (job.State is not (JobState.Pending or JobState.Running))
                return false;
            job.State = JobState.Cancelled;
            job.FinishedAt = time.GetUtcNow();
            job.LeaseOwner = null;
            job.LeaseExpiresAt = null;
            return true;
        });

    /// <summary>Deletes a finished (dead, succeeded or cancelled) job and its attempts.</summary>
    public async Task<JobActionResult> DeleteAsync(long id, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.Set<Job>().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
            return JobActionResult.NotFound;
        if (job.State is JobState.Pending or JobState.Running)
            return JobActionResult.WrongState;
        await db.Set<JobAttempt>().Where(a => a.JobId == id).ExecuteDeleteAsync(cancellationToken);
        db.Remove(job);
        audit.Record(db, actor, new AuditEvent("job.deleted", "job", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OldValues: new { job.Kind, job.Queue, State = JobStates.Name(job.State), job.Attempt, job.LastError }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return JobActionResult.Done;
    }

    /// <summary>Fires a schedule's job now, outside its cron ticks. Its next regular tick is unchanged.</summary>
    public async Task<(JobActionResult Result, long? JobId)> RunNowAsync(string scheduleName, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var schedule = await db.Set<RecurringSchedule>().AsNoTracking().FirstOrDefaultAsync(s => s.Name == scheduleName, cancellationToken);
        if (schedule is null)
            return (JobActionResult.NotFound, null);
        var id = await queue.EnqueueAsync(db, new JobRequest(schedule.Kind, schedule.Payload)
        {
            Queue = schedule.Queue,
            ScheduleName = schedule.Name,
            UniqueKey = $"schedule:{schedule.Name}:run-now",
        }, cancellationToken);
        if (id is null)
            return (JobActionResult.AlreadyQueued, null);
        audit.Record(db, actor, new AuditEvent("job_schedule.run_now", "job_schedule", schedule.Name, NewValues: new { JobId = id, schedule.Kind }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (JobActionResult.Done, id);
    }

    private async Task<JobActionResult> ChangeAsync(long id, AuditActor actor, string action, CancellationToken cancellationToken, Func<Job, bool> change)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await db.Set<Job>().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null)
            return JobActionResult.NotFound;
        var before = JobStates.Name(job.State);
        if (!change(job))
            return JobActionResult.WrongState;
        audit.Record(db, actor, new AuditEvent(action, "job", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OldValues: new { State = before }, NewValues: new { State = JobStates.Name(job.State), job.Kind, job.Queue }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return JobActionResult.AlreadyQueued;
        }

        if (job.State == JobState.Pending)
            signal.Notify(job.Queue);
        return JobActionResult.Done;
    }

    // A retried job's unique key may meanwhile belong to another live job: the partial unique index refuses it.
    private static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        _ => false,
    };
}
