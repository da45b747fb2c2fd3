using IpSolis.Domain.Runbooks;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// <c>runbooks.schedule</c>, fired every minute by the scheduler leader: starts each standalone runbook whose cron
/// tick (read in its own IANA time zone) has come. Claiming a tick is a compare-and-set of the runbook's
/// <see cref="Runbook.NextRunAt"/> in the transaction that creates the run, so a tick never starts two runs; with
/// skip-if-running a tick that finds a run unfinished is skipped (logged) and the schedule moves on.
/// </summary>
public sealed partial class RunbookScheduler(
    IDbContextFactory<IpSolisDbContext> contexts, RunbookRuns runs, IAuditTrail audit, TimeProvider time, ILogger<RunbookScheduler> logger) : JobHandler<object>
{
    public const string Kind = "runbooks.schedule";

    protected override async Task RunAsync(JobContext job, object payload, CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            ids = await db.Set<Runbook>().Where(r => r.AssetTypeId == null && r.ScheduleEnabled && r.CronExpression != null).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
            await TickAsync(id, cancellationToken);
    }

    /// <summary>Handles one runbook's schedule now; returns the run it started, if any.</summary>
    public async Task<RunbookRun?> TickAsync(long runbookId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var runbook = await db.Set<Runbook>().AsNoTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == runbookId, cancellationToken);
        if (runbook is null || CronSchedule.TryParse(runbook.CronExpression, runbook.TimeZone, out var cron) is not null)
            return null;
        var next = cron!.Next(now);
        if (runbook.NextRunAt is not { } due || due > now)
        {
            if (runbook.NextRunAt is null)
            {
                await db.Set<Runbook>().Where(r => r.Id == runbookId && r.NextRunAt == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.NextRunAt, next), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return null;
        }

        var claimed = await db.Set<Runbook>().Where(r => r.Id == runbookId && r.NextRunAt == due).ExecuteUpdateAsync(u => u.SetProperty(r => r.NextRunAt, next), cancellationToken);
        if (claimed == 0)
            return null;
        var decision = StandaloneTrigger.OnTick(runbook.IsActive, runbook.ScheduleEnabled, runbook.SkipIfRunning, await RunbookRuns.HasUnfinishedRunAsync(db, runbook.Id, cancellationToken));
        RunbookRun? run = null;
        if (decision.Fire)
        {
            run = await runs.CreateAsync(db, runbook, null, "scheduled", "system:" + Kind, null, false, cancellationToken);
            audit.Record(db, AuditActor.System(Kind), new AuditEvent("runbook_run.started", "runbook_run",
                run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { runbook = runbook.Name, trigger = "scheduled" }));
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            LogSkipped(logger, runbook.Name, decision.Reason!);
        }

        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled tick of runbook {Runbook} skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string runbook, string reason);
}
