using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// Creating, cancelling and retrying runbook runs. A run is created in the caller's transaction together with its
/// step rows and its <c>runbooks.run</c> job, so it exists exactly when the job does.
/// </summary>
public sealed class RunbookRuns(IDbContextFactory<IpSolisDbContext> contexts, IJobQueue jobs, IAuditTrail audit, TimeProvider time)
{
    /// <summary>
    /// Adds a run of <paramref name="runbook"/> (its steps loaded) in <paramref name="db"/>'s open transaction and
    /// enqueues its job. With <paramref name="resume"/>, the leading steps that succeeded in that run (and still
    /// match the plan) are carried over, so the new run starts at the step that failed.
    /// </summary>
    public async Task<RunbookRun> CreateAsync(
        IpSolisDbContext db, Runbook runbook, long? orderId, string trigger, string triggeredBy, RunbookRun? resume, bool deprovision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(runbook);
        var plan = runbook.Steps.OrderBy(s => s.Position).Select(PlannedStep.From).ToList();
        var run = new RunbookRun
        {
            RunbookId = runbook.Id,
            RunbookName = runbook.Name,
            OrderId = orderId,
            Trigger = trigger,
            TriggeredBy = triggeredBy,
            PlanJson = RunbookJson.Write(plan),
            CreatedAt = time.GetUtcNow(),
            RetryOfRunId = resume?.Id,
        };
        db.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        var previous = resume is null
            ? []
            : await db.Set<RunbookRunStep>().AsNoTracking().Where(s => s.RunId == resume.Id).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        var previousPlan = resume is null ? [] : RunbookJson.Plan(resume.PlanJson);
        var carrying = true;
        foreach (var step in plan)
        {
            var row = new RunbookRunStep { RunId = run.Id, Position = step.Position, Name = step.Name, Module = step.Module };
            var before = previous.FirstOrDefault(p => p.Position == step.Position);
            var planned = previousPlan.FirstOrDefault(p => p.Position == step.Position);
            carrying = carrying && before is { Status: RunbookStepStatus.Succeeded }
                && planned is not null && RunbookJson.Write(planned) == RunbookJson.Write(step);
            if (carrying)
            {
                row.Status = RunbookStepStatus.Succeeded;
                row.CarriedOver = true;
                row.Attempts = before!.Attempts;
                row.StartedAt = before.StartedAt;
                row.FinishedAt = before.FinishedAt;
                row.OutputsJson = before.OutputsJson;
                row.Log = $"[carried over from run {resume!.Id}]\n";
            }

            db.Add(row);
        }

        await jobs.EnqueueAsync(db, RunbookExecutor.Request(run.Id, deprovision), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Starts a standalone runbook by hand (audited); refused when it is inactive or, with skip-if-running, already running.</summary>
    public async Task<Result<RunbookRun>> StartAsync(long runbookId, AuditActor actor, string trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var runbook = await db.Set<Runbook>().AsNoTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == runbookId, cancellationToken);
        if (runbook is null)
            return new DomainError("runbook.not_found", $"There is no runbook {runbookId}.");
        if (!runbook.IsStandalone)
            return new DomainError("runbook.not_standalone", "This runbook belongs to an asset type: it runs with that type's orders.");
        var unfinished = await HasUnfinishedRunAsync(db, runbook.Id, cancellationToken);
        var decision = StandaloneTrigger.OnManual(runbook.IsActive, runbook.SkipIfRunning, unfinished);
        if (!decision.Fire)
            return new DomainError("runbook.conflict", decision.Reason!);
        var run = await CreateAsync(db, runbook, null, trigger, actor.Id, null, false, cancellationToken);
        audit.Record(db, actor, new AuditEvent("runbook_run.started", "runbook_run", Id(run.Id), null, new { runbook = runbook.Name, trigger }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    public static Task<bool> HasUnfinishedRunAsync(IpSolisDbContext db, long runbookId, CancellationToken cancellationToken) =>
        db.Set<RunbookRun>().AnyAsync(r => r.RunbookId == runbookId && (r.Status == RunbookRunStatus.Pending || r.Status == RunbookRunStatus.Running), cancellationToken);

    /// <summary>
    /// Cancels a run: a pending one ends at once; a running one is asked to stop and its worker kills the step in
    /// flight (with its process tree) within about a second. An order's run fails its order. Audited.
    /// </summary>
    public async Task<Result<RunbookRun>> CancelAsync(long runId, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.Set<RunbookRun>().AsTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
            return new DomainError("runbook_run.not_found", $"There is no runbook run {runId}.");
        if (run.Status is not (RunbookRunStatus.Pending or RunbookRunStatus.Running))
            return new DomainError("runbook_run.conflict", $"Run {runId} is {WireName<RunbookRunStatus>.Of(run.Status)} already.");
        run.CancelRequested = true;
        audit.Record(db, actor, new AuditEvent("runbook_run.cancel_requested", "runbook_run", Id(run.Id),
            new { status = WireName<RunbookRunStatus>.Of(run.Status) }, new { cancelRequested = true, orderId = run.OrderId }));
        // The job finishes what is left: pending steps become cancelled and the order (if any) fails.
        await jobs.EnqueueAsync(db, RunbookExecutor.Request(run.Id, false), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return run;
    }

    /// <summary>
    /// Runs a failed or cancelled run again, from its failed step (<paramref name="fromStart"/> false: the steps that
    /// succeeded are carried over) or from the start. For an order's run the order itself must be retried (its retry
    /// resumes from the failed step); a retry from the start prepares the run that order retry then picks up.
    /// </summary>
    public async Task<Result<RunbookRun>> RetryAsync(long runId, bool fromStart, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.Set<RunbookRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
            return new DomainError("runbook_run.not_found", $"There is no runbook run {runId}.");
        if (run.Status is not (RunbookRunStatus.Failed or RunbookRunStatus.Cancelled))
            return new DomainError("runbook_run.conflict", $"Only a failed or cancelled run is retried; run {runId} is {WireName<RunbookRunStatus>.Of(run.Status)}.");
        var latest = await db.Set<RunbookRun>().Where(r => run.OrderId != null ? r.OrderId == run.OrderId : r.RunbookId == run.RunbookId).MaxAsync(r => r.Id, cancellationToken);
        if (latest != run.Id)
            return new DomainError("runbook_run.stale", $"Run {latest} came after run {runId}; retry that one.");
        var runbook = await db.Set<Runbook>().AsNoTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == run.RunbookId, cancellationToken);
        if (runbook is null)
            return new DomainError("runbook.not_found", "The runbook of this run was deleted.");
        Order? order = null;
        if (run.OrderId is { } orderId)
        {
            order = await db.Set<Order>().AsNoTracking().FirstAsync(o => o.Id == orderId, cancellationToken);
            if (order.Status != OrderStatus.Failed)
                return new DomainError("runbook_run.transition_not_allowed", $"Order {orderId} is {WireName<OrderStatus>.Of(order.Status)}; only a failed order's run is retried.");
        }

        var again = await CreateAsync(db, runbook, run.OrderId, run.Trigger, actor.Id, fromStart ? null : run, order?.Action == OrderAction.Delete, cancellationToken);
        again.RetryOfRunId = run.Id;
        audit.Record(db, actor, new AuditEvent("runbook_run.retried", "runbook_run", Id(again.Id),
            new { runId = run.Id, status = WireName<RunbookRunStatus>.Of(run.Status) }, new { from = fromStart ? "start" : "failed_step", orderId = run.OrderId }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return again;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
