using System.Data.Common;
using IpSolis.Domain.Jobs;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// The scheduler role: competes for leadership, and while leading fires each recurring job's due tick as a job.
/// A tick is claimed by moving the schedule's next tick in the same transaction that enqueues the job, guarded by
/// the value it had: two leaders (a stale one and a new one) can never both fire the same tick.
/// </summary>
public sealed partial class RecurringScheduler(
    IDbContextFactory<IpSolisDbContext> contexts,
    IJobQueue queue,
    RecurringJobs definitions,
    SchedulerLeadership leadership,
    IOptions<JobsOptions> options,
    NodeIdentity node,
    TimeProvider time,
    ILogger<RecurringScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan LeaderReportInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(500);

    private DateTimeOffset _lastReport = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wasLeader = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var leading = await leadership.CheckAsync(stoppingToken);
            try
            {
                if (leading && !wasLeader)
                {
                    LogLeading(logger, node.Id);
                    await SyncSchedulesAsync(stoppingToken);
                    _lastReport = DateTimeOffset.MinValue;
                }
                else if (!leading && wasLeader)
                {
                    LogLostLeadership(logger, node.Id);
                }

                wasLeader = leading;
                if (leading)
                {
                    if (time.GetUtcNow() - _lastReport >= LeaderReportInterval)
                        await ReportLeaderAsync(stoppingToken);
                    await FireDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException or InvalidOperationException)
            {
                LogSchedulerFailed(logger, ex);
            }

            try
            {
                await Task.Delay(leading ? TickInterval : TimeSpan.FromSeconds(options.Value.LeaderRetrySeconds), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await leadership.ResignAsync();
    }

    /// <summary>Copies the defined schedules into the database, keeping the progress of unchanged ones.</summary>
    public async Task SyncSchedulesAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Set<RecurringSchedule>().ToDictionaryAsync(s => s.Name, StringComparer.Ordinal, cancellationToken);
        var defined = definitions.All();
        foreach (var job in defined)
        {
            if (CronSchedule.TryParse(job.Cron, job.TimeZone, out var cron) is { } problem)
            {
                LogBadSchedule(logger, job.Name, problem);
                continue;
            }

            var queueName = definitions.QueueOf(job);
            if (!stored.TryGetValue(job.Name, out var row))
            {
                db.Add(new RecurringSchedule
                {
                    Name = job.Name, Cron = job.Cron, TimeZone = job.TimeZone, Kind = job.Kind, Queue = queueName,
                    Payload = job.Payload, NextTickAt = cron!.Next(now), UpdatedAt = now,
                });
                continue;
            }

            if (row.Cron != job.Cron || row.TimeZone != job.TimeZone)
                row.NextTickAt = cron!.Next(now);
            if (row.Cron != job.Cron || row.TimeZone != job.TimeZone || row.Kind != job.Kind || row.Queue != queueName || row.Payload != job.Payload)
            {
                (row.Cron, row.TimeZone, row.Kind, row.Queue, row.Payload, row.UpdatedAt) = (job.Cron, job.TimeZone, job.Kind, queueName, job.Payload, now);
            }
        }

        var names = defined.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        db.RemoveRange(stored.Values.Where(s => !names.Contains(s.Name)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Fires every schedule whose tick is due, once per schedule however many ticks were missed.
    /// Returns how many ticks were fired.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var due = await db.Set<RecurringSchedule>().AsNoTracking()
            .Where(s => s.NextTickAt != null && s.NextTickAt <= now)
            .ToListAsync(cancellationToken);
        var fired = 0;
        foreach (var schedule in due)
        {
            if (CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, out var cron) is not null)
                continue;
            var (tick, next) = MissedTicks.Collapse(schedule.NextTickAt!.Value, now, t => cron!.Next(t));
            if (tick is null)
                continue;

            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                db.Attach(schedule);
                schedule.LastTickAt = tick;
                schedule.LastFiredAt = now;
                schedule.NextTickAt = next;
                schedule.UpdatedAt = now;
                await db.SaveChangesAsync(cancellationToken);
                await queue.EnqueueAsync(db, new JobRequest(schedule.Kind, schedule.Payload)
                {
                    Queue = schedule.Queue,
                    UniqueKey = $"schedule:{schedule.Name}:{tick.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}",
                    ScheduleName = schedule.Name,
                }, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                fired++;
                LogFired(logger, schedule.Name, tick.Value);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another leader fired this tick first.
                await transaction.RollbackAsync(cancellationToken);
            }
        }

        return fired;
    }

    private async Task ReportLeaderAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.Set<JobLeader>().FindAsync([JobLeader.SingletonId], cancellationToken);
        if (row is null)
            db.Add(new JobLeader { NodeId = node.Id, Since = now, RenewedAt = now });
        else
        {
            if (row.NodeId != node.Id)
                (row.NodeId, row.Since) = (node.Id, now);
            row.RenewedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        _lastReport = now;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} leads the scheduler")]
    private static partial void LogLeading(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} lost scheduler leadership")]
    private static partial void LogLostLeadership(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fired recurring job {Schedule} for tick {Tick:O}")]
    private static partial void LogFired(ILogger logger, string schedule, DateTimeOffset tick);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recurring job {Schedule} is not scheduled: {Problem}")]
    private static partial void LogBadSchedule(ILogger logger, string schedule, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduler could not reach the database; retrying")]
    private static partial void LogSchedulerFailed(ILogger logger, Exception exception);
}
