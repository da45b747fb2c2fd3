using System.Text;
using IpSolis.Domain;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// <c>runbooks.run</c>: executes a runbook run step by step, never inside a database transaction (steps start
/// processes and call outside systems; SQLite has one writer). Each attempt is committed as started (the step
/// becomes <c>running</c> and its attempt count rises) before it runs, and its result is committed after, so a run
/// whose worker died resumes at its first unfinished step: finished steps are never repeated, and a step found
/// started-but-unfinished runs again only when its retry policy allows another attempt
/// (<see cref="StepPolicy.OnInterrupted"/>). While a step runs its log is flushed about once a second, and an
/// operator's cancel kills it (with its whole process tree).
/// </summary>
public sealed partial class RunbookExecutor(
    IDbContextFactory<IpSolisDbContext> contexts,
    IEnumerable<IRunbookModule> modules,
    ScriptStepRunner scripts,
    SettingSecretProtector protector,
    IJobQueue jobs,
    IAuditTrail audit,
    OrderRunner orders,
    TimeProvider time,
    ILogger<RunbookExecutor> logger) : JobHandler<RunbookRunPayload>
{
    public const string Kind = "runbooks.run";

    private static readonly AuditActor Actor = AuditActor.System(Kind);

    private static readonly TimeSpan FlushEvery = TimeSpan.FromSeconds(1);

    /// <summary>The job for <paramref name="run"/>: reclaim queue for a deprovision, provision otherwise; one live job per run.</summary>
    public static JobRequest Request(long runId, bool deprovision) => new(Kind, new RunbookRunPayload(runId))
    {
        Queue = deprovision ? JobQueues.Reclaim : JobQueues.Provision,
        UniqueKey = $"{Kind}:{runId}",
    };

    protected override Task RunAsync(JobContext job, RunbookRunPayload payload, CancellationToken cancellationToken) =>
        ExecuteAsync(payload.RunId, cancellationToken);

    /// <summary>Runs (or resumes) the run to its end. A finished run only settles its order, so repeating the job is harmless.</summary>
    public async Task ExecuteAsync(long runId, CancellationToken cancellationToken)
    {
        RunbookRun run;
        List<RunbookRunStep> rows;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var found = await db.Set<RunbookRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
            if (found is null)
                return;
            run = found;
            rows = await db.Set<RunbookRunStep>().AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Position).ToListAsync(cancellationToken);
        }

        if (run.Status is RunbookRunStatus.Pending or RunbookRunStatus.Running)
            await RunStepsAsync(run, rows, cancellationToken);
        await SettleOrderAsync(runId, cancellationToken);
    }

    private async Task RunStepsAsync(RunbookRun run, List<RunbookRunStep> rows, CancellationToken cancellationToken)
    {
        var plan = RunbookJson.Plan(run.PlanJson);
        RunVariables variables;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            variables = await RunVariables.LoadAsync(db, protector, run.OrderId, cancellationToken);
            if (run.Status == RunbookRunStatus.Pending)
            {
                run.Status = RunbookRunStatus.Running;
                run.StartedAt = time.GetUtcNow();
                await db.Set<RunbookRun>().Where(r => r.Id == run.Id && r.Status == RunbookRunStatus.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RunbookRunStatus.Running).SetProperty(r => r.StartedAt, run.StartedAt), cancellationToken);
            }
        }

        var state = StepRunState.Healthy;
        string? firstError = null;
        string? notes = null;
        foreach (var step in plan)
        {
            var row = rows.First(r => r.Position == step.Position);
            var policy = step.Policy;
            if (row.Status is RunbookStepStatus.Succeeded or RunbookStepStatus.Failed or RunbookStepStatus.Skipped or RunbookStepStatus.Cancelled)
            {
                // Resume: fold what already happened into the run's state and the variables later steps read.
                variables.SetStepOutputs(step.Name, RunbookJson.Parameters(row.OutputsJson));
                if (row.Status == RunbookStepStatus.Cancelled)
                    state = StepRunState.Cancelled;
                else if (row.Status != RunbookStepStatus.Skipped)
                {
                    var stopped = row.Status == RunbookStepStatus.Succeeded && RunbookJson.Parameters(row.OutputsJson).TryGetValue("stop_run", out var s) && s == "true";
                    state = RunbookFlow.After(state, policy, row.Status == RunbookStepStatus.Succeeded, stopped);
                    if (row.Status == RunbookStepStatus.Failed && policy.Critical)
                        firstError ??= $"Step '{row.Name}' failed: {row.Error}";
                }

                continue;
            }

            if (await CancelRequestedAsync(run.Id, cancellationToken))
                state = StepRunState.Cancelled;
            if (!RunbookFlow.ShouldRun(state, policy))
            {
                row.Status = state == StepRunState.Cancelled ? RunbookStepStatus.Cancelled : RunbookStepStatus.Skipped;
                row.FinishedAt = time.GetUtcNow();
                row.Error = state == StepRunState.Cancelled ? "Cancelled by an operator." : null;
                await SaveStepAsync(row, cancellationToken);
                continue;
            }

            if (row.Status == RunbookStepStatus.Running)
            {
                var decision = policy.OnInterrupted(Math.Max(1, row.Attempts), step.Name);
                LogInterrupted(logger, run.Id, step.Name, row.Attempts, decision.RunAgain);
                if (!decision.RunAgain)
                {
                    row.Status = RunbookStepStatus.Failed;
                    row.FinishedAt = time.GetUtcNow();
                    row.Error = decision.Error;
                    await SaveStepAsync(row, cancellationToken);
                    state = RunbookFlow.After(state, policy, false, false);
                    if (policy.Critical)
                        firstError ??= decision.Error;
                    continue;
                }

                row.Log = Keep(row.Log + $"[attempt {row.Attempts} was interrupted; running again]\n");
            }

            var result = await RunWithRetriesAsync(run, step, row, variables, cancellationToken);
            if (result.Cancelled)
            {
                state = StepRunState.Cancelled;
                continue;
            }

            variables.SetStepOutputs(step.Name, RunbookJson.Parameters(row.OutputsJson));
            var before = state;
            state = RunbookFlow.After(state, policy, result.Result.Succeeded, result.Result.StopRun);
            if (!result.Result.Succeeded && policy.Critical)
                firstError ??= $"Step '{step.Name}' failed: {row.Error}";
            if (before == StepRunState.Healthy && state == StepRunState.Stopped)
                notes = result.Result.Outputs.TryGetValue("stop_reason", out var reason) ? variables.Mask.Apply(reason) : $"Stopped by step '{step.Name}'.";
        }

        var status = RunbookFlow.Final(state);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var tracked = await db.Set<RunbookRun>().AsTracking().FirstAsync(r => r.Id == run.Id, cancellationToken);
            if (tracked.Status is RunbookRunStatus.Pending or RunbookRunStatus.Running)
            {
                tracked.Status = status;
                tracked.FinishedAt = time.GetUtcNow();
                tracked.Error = status == RunbookRunStatus.Cancelled ? "Cancelled by an operator." : Truncate(firstError, 4000);
                tracked.Notes = Truncate(notes, 1000);
                audit.Record(db, Actor, new AuditEvent(
                    "runbook_run." + WireName<RunbookRunStatus>.Of(status), "runbook_run", tracked.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    new { status = "running" },
                    new { status = WireName<RunbookRunStatus>.Of(status), runbook = tracked.RunbookName, orderId = tracked.OrderId, error = tracked.Error, notes = tracked.Notes }));
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        LogFinished(logger, run.Id, run.RunbookName, WireName<RunbookRunStatus>.Of(status));
    }

    private async Task<(StepResult Result, bool Cancelled)> RunWithRetriesAsync(
        RunbookRun run, PlannedStep step, RunbookRunStep row, RunVariables variables, CancellationToken cancellationToken)
    {
        var policy = step.Policy;
        while (true)
        {
            // The marker: committed before the attempt's side effect can begin.
            row.Attempts++;
            row.Status = RunbookStepStatus.Running;
            row.StartedAt ??= time.GetUtcNow();
            row.Error = null;
            await SaveStepAsync(row, cancellationToken);

            var log = new StringBuilder(row.Log);
            var dirty = 0;
            void Append(string line)
            {
                lock (log)
                {
                    log.Append(variables.Mask.Apply(line)).Append('\n');
                    if (log.Length > 66000)
                        log.Remove(0, log.Length - 65536);
                }

                Interlocked.Exchange(ref dirty, 1);
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var invocationTask = InvokeAsync(run, step, row.Attempts, variables, Append, cancel.Token);
            var cancelledByOperator = false;
            while (!invocationTask.IsCompleted)
            {
                await Task.WhenAny(invocationTask, Task.Delay(FlushEvery, time, cancellationToken));
                if (Interlocked.Exchange(ref dirty, 0) == 1)
                {
                    lock (log)
                        row.Log = log.ToString();
                    await SaveLogAsync(row, cancellationToken);
                }

                if (!invocationTask.IsCompleted && !cancelledByOperator && await CancelRequestedAsync(run.Id, cancellationToken))
                {
                    cancelledByOperator = true;
                    await cancel.CancelAsync();
                }
            }

            StepResult result;
            try
            {
                result = await invocationTask;
            }
            catch (OperationCanceledException) when (cancelledByOperator)
            {
                result = StepResult.Failure("Cancelled by an operator.");
            }

            lock (log)
                row.Log = log.ToString();
            if (cancelledByOperator)
            {
                row.Status = RunbookStepStatus.Cancelled;
                row.FinishedAt = time.GetUtcNow();
                row.Error = "Cancelled by an operator.";
                await SaveStepAsync(row, cancellationToken);
                return (result, true);
            }

            // Nothing a step reports reaches the database unmasked.
            var outputs = result.Outputs.ToDictionary(p => p.Key, p => variables.Mask.Apply(p.Value) ?? "", StringComparer.Ordinal);
            row.OutputsJson = RunbookJson.Write(outputs);
            if (result.Succeeded)
            {
                row.Status = RunbookStepStatus.Succeeded;
                row.FinishedAt = time.GetUtcNow();
                await SaveStepAsync(row, cancellationToken);
                return (result with { Outputs = outputs }, false);
            }

            var error = Truncate(variables.Mask.Apply(result.Error), 4000) ?? "The step failed.";
            if (policy.RetryAfter(row.Attempts) is { } delay)
            {
                row.Log = Keep(row.Log + $"[attempt {row.Attempts} failed: {error}; next attempt in {delay.TotalSeconds:0.#} s]\n");
                row.Status = RunbookStepStatus.Pending;
                await SaveStepAsync(row, cancellationToken);
                await Task.Delay(delay, time, cancellationToken);
                continue;
            }

            row.Status = RunbookStepStatus.Failed;
            row.FinishedAt = time.GetUtcNow();
            row.Error = error;
            await SaveStepAsync(row, cancellationToken);
            return (result with { Outputs = outputs }, false);
        }
    }

    private async Task<StepResult> InvokeAsync(RunbookRun run, PlannedStep step, int attempt, RunVariables variables, Action<string> log, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, template) in step.Parameters)
        {
            var parsed = VariableTemplate.Parse(template, name);
            var value = parsed.Succeeded ? parsed.Value.Resolve(variables.Lookup, name) : Result<string>.Failure([.. parsed.Errors]);
            if (!value.Succeeded)
                return StepResult.Failure(value.Errors[0].Message);
            resolved[name] = value.Value;
        }

        var timeout = step.Policy.Timeout;
        try
        {
            if (step.Module == ScriptStepRunner.ModuleKey)
            {
                if (step.ScriptModuleId is not { } moduleId)
                    return StepResult.Failure("The step names no script module.");
                return await scripts.RunAsync(moduleId, run, step.Name, attempt, resolved, variables, timeout, log, cancellationToken);
            }

            var module = modules.FirstOrDefault(m => m.Key == step.Module);
            if (module is null)
                return StepResult.Failure($"There is no built-in module '{step.Module}'.");
            var checkedParameters = ParameterSchema.Apply(module.Parameters, resolved);
            if (!checkedParameters.Succeeded)
                return StepResult.Failure(string.Join(" ", checkedParameters.Errors.Select(e => e.Message)));
            variables.AddSecrets(module.Parameters.Where(p => p.Secret).Select(p => checkedParameters.Value.GetValueOrDefault(p.Name) ?? ""));
            var invocation = new StepInvocation(run.Id, step.Name, attempt, run.OrderId, variables.AssetId, checkedParameters.Value, variables.Mask, timeout, log);
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(timeout);
            try
            {
                return await module.RunAsync(invocation, timer.Token);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return StepResult.Failure($"The step timed out after {timeout.TotalSeconds:0} s.");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStepThrew(logger, ex.GetType().Name, run.Id, step.Name);
            return StepResult.Failure(ex.Message);
        }
    }

    /// <summary>An order's run settles its order once: success lets the order's own run continue, anything else fails it.</summary>
    private async Task SettleOrderAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.Set<RunbookRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run?.OrderId is not { } orderId || run.Status is RunbookRunStatus.Pending or RunbookRunStatus.Running)
            return;
        var order = await db.Set<Order>().AsNoTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null || order.Status != Domain.Orders.OrderStatus.Processing)
            return;
        // Only the order's latest run speaks for it (an older run finishing late says nothing).
        var latest = await db.Set<RunbookRun>().Where(r => r.OrderId == orderId).MaxAsync(r => r.Id, cancellationToken);
        if (latest != runId)
            return;
        if (run.Status == RunbookRunStatus.Succeeded)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await jobs.EnqueueAsync(db, OrderRunner.Request(order), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        var why = run.Status == RunbookRunStatus.Cancelled ? "was cancelled" : "failed";
        await orders.FailOrderAsync(orderId, $"Runbook '{run.RunbookName}' (run {run.Id}) {why}: {run.Error}", cancellationToken);
    }

    private async Task<bool> CancelRequestedAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<RunbookRun>().Where(r => r.Id == runId).Select(r => r.CancelRequested).FirstOrDefaultAsync(cancellationToken);
    }

    private async Task SaveStepAsync(RunbookRunStep row, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        row.Log = Keep(row.Log);
        await db.Set<RunbookRunStep>().Where(s => s.Id == row.Id).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Status, row.Status)
            .SetProperty(s => s.Attempts, row.Attempts)
            .SetProperty(s => s.StartedAt, row.StartedAt)
            .SetProperty(s => s.FinishedAt, row.FinishedAt)
            .SetProperty(s => s.OutputsJson, row.OutputsJson)
            .SetProperty(s => s.Log, row.Log)
            .SetProperty(s => s.Error, row.Error), cancellationToken);
    }

    private async Task SaveLogAsync(RunbookRunStep row, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var text = Keep(row.Log);
        await db.Set<RunbookRunStep>().Where(s => s.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.Log, text), cancellationToken);
    }

    private static string Keep(string log) => log.Length <= 65536 ? log : log[^65536..];

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runbook run {RunId}: step {Step} was interrupted after {Attempts} attempt(s); running again: {RunAgain}")]
    private static partial void LogInterrupted(ILogger logger, long runId, string step, int attempts, bool runAgain);

    [LoggerMessage(Level = LogLevel.Information, Message = "Runbook run {RunId} ({Runbook}) finished: {Status}")]
    private static partial void LogFinished(ILogger logger, long runId, string runbook, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Runbook run {RunId}: step {Step} threw {ExceptionType}")]
    private static partial void LogStepThrew(ILogger logger, string exceptionType, long runId, string step);
}
