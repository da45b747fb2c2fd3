using IpSolis.Domain.Jobs;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Maintenance.Jobs;

/// <summary>What an operator sees of the job system: queue depths, running jobs, recent failures, dead jobs,
/// schedules and the scheduler leader. The same data backs <c>/ui/jobs</c> and <c>GET /api/v1/admin/jobs</c>.</summary>
public sealed record JobsOverview(
    IReadOnlyList<JobsOverview.QueueDepth> Queues,
    IReadOnlyList<JobsOverview.RunningJob> Running,
    IReadOnlyList<JobsOverview.Failure> RecentFailures,
    IReadOnlyList<JobsOverview.DeadJob> Dead,
    IReadOnlyList<JobsOverview.Schedule> Schedules,
    JobsOverview.Leader? SchedulerLeader,
    DateTimeOffset At)
{
    private const int ListLimit = 50;

    public sealed record QueueDepth(string Queue, int Ready, int Scheduled, int Running, int Dead, double? OldestReadyWaitSeconds);

    public sealed record RunningJob(long Id, string Kind, string Queue, string? Node, int Attempt, int MaxAttempts, DateTimeOffset? StartedAt, double AgeSeconds, DateTimeOffset? LeaseExpiresAt);

    public sealed record Failure(long JobId, string Kind, string Queue, int Attempt, int MaxAttempts, string Outcome, string? Node, DateTimeOffset At, string? Error, string JobState);

    public sealed record DeadJob(long Id, string Kind, string Queue, int Attempts, DateTimeOffset? DiedAt, string? LastError);

    public sealed record Schedule(string Name, string Cron, string TimeZone, string Kind, string Queue, DateTimeOffset? LastTickAt, DateTimeOffset? LastFiredAt, DateTimeOffset? NextTickAt);

    public sealed record Leader(string NodeId, DateTimeOffset Since, DateTimeOffset RenewedAt);

    public sealed record Detail(long Id, string Kind, string Queue, string State, string Payload, int Priority, DateTimeOffset RunAt, int Attempt, int MaxAttempts,
        string? UniqueKey, string? Node, DateTimeOffset? LeaseExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
        string? LastError, string? ScheduleName, IReadOnlyList<AttemptRecord> Attempts);

    public sealed record AttemptRecord(int Attempt, string Outcome, string? Node, DateTimeOffset? StartedAt, DateTimeOffset FinishedAt, string? Error);

    public static async Task<JobsOverview> LoadAsync(IpSolisDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var jobs = db.Set<Job>().AsNoTracking();
        var counts = await jobs
            .Where(j => j.State == JobState.Pending || j.State == JobState.Running || j.State == JobState.Dead)
            .GroupBy(j => new { j.Queue, j.State, Ready = j.RunAt <= now })
            .Select(g => new { g.Key.Queue, g.Key.State, g.Key.Ready, Count = g.Count(), Oldest = g.Min(j => j.RunAt) })
            .ToListAsync(cancellationToken);
        var queues = JobQueues.All.Concat(counts.Select(c => c.Queue)).Distinct(StringComparer.Ordinal).Select(queue =>
        {
            var mine = counts.Where(c => c.Queue == queue).ToList();
            var ready = mine.FirstOrDefault(c => c.State == JobState.Pending && c.Ready);
            return new QueueDepth(queue,
                ready?.Count ?? 0,
                mine.Where(c => c.State == JobState.Pending && !c.Ready).Sum(c => c.Count),
                mine.Where(c => c.State == JobState.Running).Sum(c => c.Count),
                mine.Where(c => c.State == JobState.Dead).Sum(c => c.Count),
                ready is null ? null : Math.Round((now - ready.Oldest).TotalSeconds, 1));
        }).ToList();

        var running = (await jobs.Where(j => j.State == JobState.Running).OrderBy(j => j.StartedAt).Take(ListLimit).ToListAsync(cancellationToken))
            .Select(j => new RunningJob(j.Id, j.Kind, j.Queue, j.LeaseOwner, j.Attempt, j.MaxAttempts, j.StartedAt,
                Math.Round((now - (j.StartedAt ?? now)).TotalSeconds, 1), j.LeaseExpiresAt))
            .ToList();

        var failures = (await db.Set<JobAttempt>().AsNoTracking()
                .OrderByDescending(a => a.Id).Take(ListLimit)
                .Join(jobs, a => a.JobId, j => j.Id, (a, j) => new { a, j.Kind, j.Queue, j.MaxAttempts, j.State })
                .ToListAsync(cancellationToken))
            .OrderByDescending(f => f.a.FinishedAt)
            .Select(f => new Failure(f.a.JobId, f.Kind, f.Queue, f.a.Attempt, f.MaxAttempts, f.a.Outcome, f.a.NodeId, f.a.FinishedAt, f.a.Error, JobStates.Name(f.State)))
            .ToList();

        var dead = (await jobs.Where(j => j.State == JobState.Dead).OrderByDescending(j => j.FinishedAt).Take(ListLimit).ToListAsync(cancellationToken))
            .Select(j => new DeadJob(j.Id, j.Kind, j.Queue, j.Attempt, j.FinishedAt, j.LastError))
            .ToList();

        var schedules = (await db.Set<RecurringSchedule>().AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new Schedule(s.Name, s.Cron, s.TimeZone, s.Kind, s.Queue, s.LastTickAt, s.LastFiredAt, s.NextTickAt))
            .ToList();

        var leader = await db.Set<JobLeader>().AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return new JobsOverview(queues, running, failures, dead, schedules,
            leader is null ? null : new Leader(leader.NodeId, leader.Since, leader.RenewedAt), now);
    }

    public static async Task<Detail?> LoadJobAsync(IpSolisDbContext db, long id, CancellationToken cancellationToken)
    {
        var job = await db.Set<Job>().AsNoTracking().Include(j => j.Attempts).FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        return job is null
            ? null
            : new Detail(job.Id, job.Kind, job.Queue, JobStates.Name(job.State), job.Payload, job.Priority, job.RunAt, job.Attempt, job.MaxAttempts,
                job.UniqueKey, job.LeaseOwner, job.LeaseExpiresAt, job.CreatedAt, job.StartedAt, job.FinishedAt, job.LastError, job.ScheduleName,
                [.. job.Attempts.OrderBy(a => a.Id).Select(a => new AttemptRecord(a.Attempt, a.Outcome, a.NodeId, a.StartedAt, a.FinishedAt, a.Error))]);
    }
}
