using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// Saving runbooks, script modules and global variables: everything is checked first (each problem names its field)
/// and nothing changes unless all of it is valid; every change is audited, and a secret never reaches the audit row.
/// </summary>
public sealed class RunbookAdministration(
    IDbContextFactory<IpSolisDbContext> contexts,
    IEnumerable<IRunbookModule> modules,
    ScriptProcess scripts,
    SettingSecretProtector protector,
    IOptions<RunbookOptions> options,
    IAuditTrail audit,
    TimeProvider time)
{
    public const int MaxSteps = 100;

    public IReadOnlyList<IRunbookModule> Modules { get; } = [.. modules.OrderBy(m => m.Category, StringComparer.Ordinal).ThenBy(m => m.Name, StringComparer.Ordinal)];

    /// <summary>The error of an edit made on a runbook that changed since the page showed it.</summary>
    public static readonly DomainError Stale = new("runbook.stale", "The runbook was changed by someone else since this page was loaded; reload it and make your change again.");

    public Task<Result<Runbook>> SaveRunbookAsync(long? id, RunbookRequest request, AuditActor actor, CancellationToken cancellationToken) =>
        SaveAsync(id, request, actor, null, cancellationToken);

    /// <summary>
    /// An edit of the step list from the runbook page: <paramref name="edit"/> changes the current steps (or names
    /// why it cannot), then the whole runbook is saved with every check of <see cref="SaveRunbookAsync"/> and one
    /// audit row. Refused with <see cref="Stale"/> when the runbook changed after the page read
    /// <paramref name="stamp"/> (<see cref="StampOf"/>), so two people editing cannot silently undo each other.
    /// </summary>
    public async Task<Result<Runbook>> EditStepsAsync(long id, long stamp, Func<List<RunbookStepRequest>, DomainError?> edit, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var current = await CurrentAsync(id, stamp, cancellationToken);
        if (!current.Succeeded)
            return Result<Runbook>.Failure([.. current.Errors]);
        var (runbook, steps) = current.Value;
        if (edit(steps) is { } problem)
            return problem;
        var request = new RunbookRequest(runbook.Name, runbook.Description, runbook.AssetTypeId, runbook.Action is { } a ? WireName<RunbookAction>.Of(a) : null,
            runbook.IsActive, runbook.CronExpression, runbook.TimeZone, runbook.ScheduleEnabled, runbook.SkipIfRunning, steps);
        return await SaveAsync(id, request, actor, stamp, cancellationToken);
    }

    /// <summary>
    /// The settings form of the runbook page: name, description, active, trigger (by hand, or a cron expression in an
    /// IANA zone) and skip-if-running, saved with every check of <see cref="SaveRunbookAsync"/> (the API's update) and
    /// its audit row, the steps as they are. Refused with <see cref="Stale"/> like <see cref="EditStepsAsync"/>.
    /// </summary>
    /// <remarks>
    /// The asset type and action are not settings: an order picks its runbook by them while it runs, the runs
    /// already recorded were that action for that type (rebinding would file them under another one), and a bound
    /// runbook's steps read the order and its asset, which a standalone run has not. A different binding is a new
    /// runbook; the API can still rebind one that must be.
    /// </remarks>
    public async Task<Result<Runbook>> EditSettingsAsync(long id, long stamp, RunbookSettings settings, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var current = await CurrentAsync(id, stamp, cancellationToken);
        if (!current.Succeeded)
            return Result<Runbook>.Failure([.. current.Errors]);
        var (runbook, steps) = current.Value;
        var request = new RunbookRequest(settings.Name, settings.Description, runbook.AssetTypeId, runbook.Action is { } a ? WireName<RunbookAction>.Of(a) : null,
            settings.IsActive, settings.CronExpression, settings.TimeZone, settings.ScheduleEnabled, settings.SkipIfRunning, steps);
        return await SaveAsync(id, request, actor, stamp, cancellationToken);
    }

    /// <summary>The runbook and its steps as requests, unless it is gone or changed after the page read <paramref name="stamp"/>.</summary>
    private async Task<Result<(Runbook Runbook, List<RunbookStepRequest> Steps)>> CurrentAsync(long id, long stamp, CancellationToken cancellationToken)
    {
        Runbook? runbook;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            runbook = await db.Set<Runbook>().AsNoTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (runbook is null)
            return new DomainError("runbook.not_found", $"There is no runbook {id}.");
        if (StampOf(runbook) != stamp)
            return Stale;
        return (runbook, runbook.Steps.OrderBy(s => s.Position).Select(StepRequestOf).ToList());
    }

    /// <summary>The version of a runbook a page edits: its last change as UTC ticks.</summary>
    public static long StampOf(Runbook runbook)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        return runbook.UpdatedAt.UtcTicks;
    }

    public static RunbookStepRequest StepRequestOf(RunbookStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new RunbookStepRequest(step.Name, step.Module, step.ScriptModuleId, RunbookJson.Parameters(step.ParametersJson),
            step.Critical, step.Retries, step.BackoffSeconds, step.TimeoutSeconds, step.AlwaysRun);
    }

    /// <summary>What the steps of <paramref name="runbook"/> may read, step by step (the editor's suggestions).</summary>
    public async Task<TemplateVocabulary> VocabularyAsync(Runbook runbook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = runbook.Steps.OrderBy(s => s.Position).Select(StepRequestOf).ToList();
        var scripts = await ScriptModulesAsync(db, steps, cancellationToken);
        var variables = await db.Set<RunbookVariable>().AsNoTracking().Select(v => v.Key).ToListAsync(cancellationToken);
        return new TemplateVocabulary(runbook.IsStandalone, variables, steps.Select(s => new StepOutputs(s.Name?.Trim() ?? "", OutputsOf(s, scripts))));
    }

    /// <summary>The output keys a step declares (null when only its run knows them, or when its module does not exist).</summary>
    public IReadOnlyList<string>? OutputsOf(RunbookStepRequest step, IReadOnlyDictionary<long, ScriptModule> scripts)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(scripts);
        var module = step.Module?.Trim() ?? "";
        if (module == ScriptStepRunner.ModuleKey)
            return step.ScriptModuleId is { } sid && scripts.TryGetValue(sid, out var script) ? script.DeclaredOutputs : null;
        return Modules.FirstOrDefault(m => m.Key == module)?.OutputsFor(step.Parameters ?? []);
    }

    private static async Task<Dictionary<long, ScriptModule>> ScriptModulesAsync(IpSolisDbContext db, IReadOnlyList<RunbookStepRequest> steps, CancellationToken cancellationToken)
    {
        var ids = steps.Where(s => s.ScriptModuleId is not null).Select(s => s.ScriptModuleId!.Value).Distinct().ToList();
        return await db.Set<ScriptModule>().AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
    }

    private async Task<Result<Runbook>> SaveAsync(long? id, RunbookRequest request, AuditActor actor, long? expectedStamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Runbook? runbook = null;
        if (id is { } existingId)
        {
            runbook = await db.Set<Runbook>().AsTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == existingId, cancellationToken);
            if (runbook is null)
                return new DomainError("runbook.not_found", $"There is no runbook {existingId}.");
            if (expectedStamp is { } stamp && StampOf(runbook) != stamp)
                return Stale;
        }

        var errors = new List<DomainError>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            errors.Add(new DomainError("runbook.name", "A runbook needs a name of at most 200 characters.", "name"));
        else if (await db.Set<Runbook>().AnyAsync(r => r.Name == name && r.Id != (id ?? 0), cancellationToken))
            errors.Add(new DomainError("runbook.name_taken", $"Another runbook is called '{name}'.", "name"));

        RunbookAction? action = null;
        if (request.Action is { Length: > 0 } a)
        {
            if (WireName<RunbookAction>.TryParse(a, out var parsed))
                action = parsed;
            else
                errors.Add(new DomainError("runbook.action", $"The action is one of {string.Join(", ", WireName<RunbookAction>.All)}.", "action"));
        }

        if ((request.AssetTypeId is null) != (request.Action is not { Length: > 0 }))
            errors.Add(new DomainError("runbook.binding", "An asset-bound runbook names both its asset type and its action; a standalone one neither.", "assetTypeId"));
        else if (request.AssetTypeId is { } typeId)
        {
            if (!await db.Set<AssetType>().AnyAsync(t => t.Id == typeId, cancellationToken))
                errors.Add(new DomainError("runbook.asset_type", $"There is no asset type {typeId}.", "assetTypeId"));
            else if (action is { } act && await db.Set<Runbook>().AnyAsync(r => r.AssetTypeId == typeId && r.Action == act && r.Id != (id ?? 0), cancellationToken))
                errors.Add(new DomainError("runbook.conflict", $"Asset type {typeId} already has a {WireName<RunbookAction>.Of(act)} runbook.", "action"));
        }

        var zone = string.IsNullOrWhiteSpace(request.TimeZone) ? "UTC" : request.TimeZone.Trim();
        var cronText = string.IsNullOrWhiteSpace(request.CronExpression) ? null : request.CronExpression.Trim();
        var scheduled = request.ScheduleEnabled ?? false;
        if (request.AssetTypeId is not null && (cronText is not null || scheduled))
            errors.Add(new DomainError("runbook.schedule", "Only a standalone runbook has a schedule.", "cronExpression"));
        else if (cronText is not null || scheduled)
        {
            if (cronText is null)
                errors.Add(new DomainError("runbook.schedule", "A schedule needs a cron expression.", "cronExpression"));
            else if (cronText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5)
                errors.Add(new DomainError("runbook.schedule", "Use five cron fields: minute hour day month weekday.", "cronExpression"));
            else if (CronSchedule.TryParse(cronText, zone, out _) is { } problem)
                errors.Add(new DomainError("runbook.schedule", "The schedule " + problem, problem.Contains("time zone", StringComparison.Ordinal) ? "timeZone" : "cronExpression"));
        }

        var steps = await CheckStepsAsync(db, request.Steps ?? [], request.AssetTypeId is null, errors, cancellationToken);
        if (errors.Count > 0)
            return Result<Runbook>.Failure([.. errors]);

        var now = time.GetUtcNow();
        var before = runbook is null ? null : Describe(runbook);
        if (runbook is null)
        {
            runbook = new Runbook { Name = name, CreatedAt = now };
            db.Add(runbook);
        }
        else
        {
            await db.Set<RunbookStep>().Where(s => s.RunbookId == runbook.Id).ExecuteDeleteAsync(cancellationToken);
            foreach (var old in runbook.Steps)
                db.Entry(old).State = EntityState.Detached;
            runbook.Steps.Clear();
        }

        runbook.Name = name;
        runbook.Description = request.Description?.Trim() ?? "";
        runbook.AssetTypeId = request.AssetTypeId;
        runbook.Action = action;
        runbook.IsActive = request.IsActive ?? true;
        var scheduleChanged = runbook.CronExpression != cronText || runbook.TimeZone != zone || runbook.ScheduleEnabled != scheduled;
        runbook.CronExpression = cronText;
        runbook.TimeZone = zone;
        runbook.ScheduleEnabled = scheduled;
        runbook.SkipIfRunning = request.SkipIfRunning ?? true;
        if (scheduleChanged)
            runbook.NextRunAt = scheduled && cronText is not null ? CronSchedule.Parse(cronText, zone).Next(now) : null;
        runbook.UpdatedAt = now;
        runbook.Steps.AddRange(steps);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, new AuditEvent(before is null ? "runbook.created" : "runbook.updated", "runbook",
            runbook.Id.ToString(CultureInfo.InvariantCulture), before, Describe(runbook)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return runbook;
    }

    private async Task<List<RunbookStep>> CheckStepsAsync(IpSolisDbContext db, IReadOnlyList<RunbookStepRequest> requests, bool standalone, List<DomainError> errors, CancellationToken cancellationToken)
    {
        if (requests.Count > MaxSteps)
            errors.Add(new DomainError("runbook.steps", $"A runbook has at most {MaxSteps} steps.", "steps"));
        var scriptModules = await ScriptModulesAsync(db, requests, cancellationToken);
        var variableKeys = await db.Set<RunbookVariable>().AsNoTracking().Select(v => v.Key).ToListAsync(cancellationToken);
        var vocabulary = new TemplateVocabulary(standalone, variableKeys, requests.Select(r => new StepOutputs(r.Name?.Trim() ?? "", OutputsOf(r, scriptModules))));
        var names = new HashSet<string>(StringComparer.Ordinal);
        var steps = new List<RunbookStep>();
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            var field = $"steps[{i}]";
            var name = r.Name?.Trim() ?? "";
            if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
                errors.Add(new DomainError("runbook.step_name", "A step name is 1 to 64 letters, digits, '_' or '-' (later steps read it as {{steps.<name>.<key>}}).", field + ".name"));
            else if (!names.Add(name))
                errors.Add(new DomainError("runbook.step_name", $"Two steps are called '{name}'.", field + ".name"));

            IReadOnlyList<ParameterDefinition>? schema = null;
            var module = r.Module?.Trim() ?? "";
            if (module == ScriptStepRunner.ModuleKey)
            {
                if (r.ScriptModuleId is not { } sid || !scriptModules.TryGetValue(sid, out var script))
                    errors.Add(new DomainError("runbook.step_script", "A script step names an existing script module.", field + ".scriptModuleId"));
                else
                    schema = RunbookJson.Schema(script.ParametersJson);
            }
            else if (Modules.FirstOrDefault(m => m.Key == module) is { } builtIn)
            {
                schema = builtIn.Parameters;
            }
            else
            {
                errors.Add(new DomainError("runbook.step_module", $"'{module}' is not a module (use a built-in key or 'script').", field + ".module"));
            }

            var parameters = r.Parameters ?? [];
            foreach (var (key, template) in parameters)
            {
                if (schema is not null && !schema.Any(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)))
                    errors.Add(new DomainError("runbook.step_parameter", $"The module has no parameter '{key}'.", $"{field}.parameters.{key}"));
                var parsed = VariableTemplate.Parse(template, $"{field}.parameters.{key}");
                if (!parsed.Succeeded)
                    errors.AddRange(parsed.Errors);
                else if (parsed.Value.Paths.Select(p => vocabulary.Problem(p, i)).FirstOrDefault(p => p is not null) is { } unknown)
                    errors.Add(new DomainError("runbook.step_parameter", unknown, $"{field}.parameters.{key}"));
            }

            if (schema is not null)
            {
                foreach (var missing in schema.Where(p => p.Required && p.Default is null && !parameters.Keys.Any(k => string.Equals(k, p.Name, StringComparison.OrdinalIgnoreCase))))
                    errors.Add(new DomainError("runbook.step_parameter", $"'{missing.Name}' is required.", $"{field}.parameters.{missing.Name}"));
            }

            var step = new RunbookStep
            {
                Position = i + 1,
                Name = name,
                Module = module,
                ScriptModuleId = module == ScriptStepRunner.ModuleKey ? r.ScriptModuleId : null,
                ParametersJson = RunbookJson.Write(parameters),
                Critical = r.Critical ?? true,
                Retries = r.Retries ?? 3,
                BackoffSeconds = r.BackoffSeconds ?? 5,
                TimeoutSeconds = r.TimeoutSeconds ?? 120,
                AlwaysRun = r.AlwaysRun ?? false,
            };
            foreach (var problem in PlannedStep.From(step).Policy.Check())
                errors.Add(problem with { Field = $"{field}.{problem.Field}" });
            steps.Add(step);
        }

        return steps;
    }

    public async Task<Result<bool>> DeleteRunbookAsync(long id, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var runbook = await db.Set<Runbook>().AsTracking().Include(r => r.Steps).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (runbook is null)
            return new DomainError("runbook.not_found", $"There is no runbook {id}.");
        if (await RunbookRuns.HasUnfinishedRunAsync(db, id, cancellationToken))
            return new DomainError("runbook.in_use", "A run of this runbook is unfinished; cancel it or let it end first.");
        audit.Record(db, actor, new AuditEvent("runbook.deleted", "runbook", id.ToString(CultureInfo.InvariantCulture), Describe(runbook)));
        db.Remove(runbook);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<Result<ScriptModule>> SaveScriptModuleAsync(long? id, ScriptModuleRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ScriptModule? module = null;
        if (id is { } existingId && (module = await db.Set<ScriptModule>().AsTracking().FirstOrDefaultAsync(m => m.Id == existingId, cancellationToken)) is null)
            return new DomainError("script_module.not_found", $"There is no script module {existingId}.");
        var errors = new List<DomainError>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            errors.Add(new DomainError("script_module.name", "A module needs a name of at most 100 characters (\"CATEGORY - Name\").", "name"));
        else if (await db.Set<ScriptModule>().AnyAsync(m => m.Name == name && m.Id != (id ?? 0), cancellationToken))
            errors.Add(new DomainError("script_module.name_taken", $"Another module is called '{name}'.", "name"));
        var interpreter = request.Interpreter?.Trim() ?? "";
        if (!options.Value.Interpreters.ContainsKey(interpreter))
            errors.Add(new DomainError("script_module.interpreter", $"The interpreter is one of {string.Join(", ", options.Value.Interpreters.Keys)}.", "interpreter"));
        if ((request.Content ?? "").Length > 262144)
            errors.Add(new DomainError("script_module.content", "A script is at most 256 KB.", "content"));
        var parameters = request.Parameters ?? [];
        errors.AddRange(ParameterSchema.CheckDefinitions(parameters));
        if (errors.Count > 0)
            return Result<ScriptModule>.Failure([.. errors]);

        var now = time.GetUtcNow();
        var before = module is null ? null : new { module.Name, module.Interpreter, module.IsActive, contentLength = module.Content.Length };
        if (module is null)
        {
            module = new ScriptModule { Name = name, Interpreter = interpreter, CreatedAt = now };
            db.Add(module);
        }

        module.Name = name;
        module.Description = request.Description?.Trim() ?? "";
        module.Interpreter = interpreter;
        module.Content = (request.Content ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        module.ParametersJson = RunbookJson.Write(parameters);
        module.IsActive = request.IsActive ?? true;
        module.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, new AuditEvent(before is null ? "script_module.created" : "script_module.updated", "script_module",
            module.Id.ToString(CultureInfo.InvariantCulture), before,
            new { module.Name, module.Interpreter, module.IsActive, contentLength = module.Content.Length, parameters = parameters.Select(p => p.Name) }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return module;
    }

    public async Task<Result<bool>> DeleteScriptModuleAsync(long id, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var module = await db.Set<ScriptModule>().AsTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (module is null)
            return new DomainError("script_module.not_found", $"There is no script module {id}.");
        var users = await db.Set<RunbookStep>().Where(s => s.ScriptModuleId == id)
            .Join(db.Set<Runbook>(), s => s.RunbookId, r => r.Id, (s, r) => r.Name).Distinct().ToListAsync(cancellationToken);
        if (users.Count > 0)
            return new DomainError("script_module.in_use", $"Runbooks use this module: {string.Join(", ", users)}.");
        audit.Record(db, actor, new AuditEvent("script_module.deleted", "script_module", id.ToString(CultureInfo.InvariantCulture), new { module.Name }));
        db.Remove(module);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Runs a module with sample parameters (no run, no order), bounded by its timeout; the answer is masked like a run's log.</summary>
    public async Task<Result<ScriptTestResult>> TestScriptModuleAsync(long id, ScriptTestRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ScriptModule? module;
        RunVariables variables;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            module = await db.Set<ScriptModule>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
            if (module is null)
                return new DomainError("script_module.not_found", $"There is no script module {id}.");
            variables = await RunVariables.LoadAsync(db, protector, null, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            audit.Record(db, actor, new AuditEvent("script_module.tested", "script_module", id.ToString(CultureInfo.InvariantCulture), null, new { module.Name }));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var schema = RunbookJson.Schema(module.ParametersJson);
        var resolved = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, template) in request.Parameters ?? [])
        {
            var value = VariableTemplate.Parse(template, key) is { Succeeded: true } parsed ? parsed.Value.Resolve(variables.Lookup, key) : Result<string>.Failure(new DomainError("script_module.parameter", $"'{key}' is not a valid template.", key));
            if (!value.Succeeded)
                return Result<ScriptTestResult>.Failure([.. value.Errors]);
            resolved[key] = value.Value;
        }

        var parameters = ParameterSchema.Apply(schema, resolved);
        if (!parameters.Succeeded)
            return Result<ScriptTestResult>.Failure([.. parameters.Errors]);
        variables.AddSecrets(schema.Where(p => p.Secret).Select(p => parameters.Value.GetValueOrDefault(p.Name) ?? ""));
        var log = new System.Text.StringBuilder();
        var timeout = TimeSpan.FromSeconds(Math.Clamp(request.TimeoutSeconds ?? 30, 1, 120));
        // Real elapsed time, not the injected clock: tests stop that clock, and the duration is about the process.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var execution = await scripts.RunAsync(module.Interpreter, module.Content, parameters.Value,
            new Dictionary<string, string> { ["IPSOLIS_TEST_RUN"] = "1" }, timeout, line => { lock (log) log.Append(line).Append('\n'); }, cancellationToken);
        var duration = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (execution.StartError is { } startError)
            return new DomainError("script_module.interpreter_missing", startError, "interpreter");
        var result = execution.TimedOut
            ? new ScriptResult(false, new Dictionary<string, string>(), false, $"Timed out after {timeout.TotalSeconds:0} s; the process tree was killed.")
            : ScriptResult.Interpret(execution.ExitCode ?? -1, execution.Stdout, execution.Stderr);
        string text;
        lock (log)
            text = log.ToString();
        return new ScriptTestResult(result.Succeeded, execution.ExitCode, variables.Mask.Apply(result.Error),
            result.Outputs.ToDictionary(p => p.Key, p => variables.Mask.Apply(p.Value) ?? ""), variables.Mask.Apply(text) ?? "",
            variables.Mask.Apply(execution.Stdout) ?? "", variables.Mask.Apply(execution.Stderr) ?? "", duration);
    }

    public async Task<Result<RunbookVariable>> SetVariableAsync(string key, RunbookVariableRequest request, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(key) || key.Length > 100 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            return new DomainError("runbook_variable.key", "A variable key is 1 to 100 letters, digits, '_' or '-' (read as {{vars.<key>}}).", "key");
        if ((request.Value ?? "").Length > 8000)
            return new DomainError("runbook_variable.value", "A value is at most 8000 characters.", "value");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var variable = await db.Set<RunbookVariable>().AsTracking().FirstOrDefaultAsync(v => v.Key == key, cancellationToken);
        var created = variable is null;
        var wasSecret = variable?.IsSecret ?? false;
        variable ??= db.Add(new RunbookVariable { Key = key }).Entity;
        var secret = request.IsSecret ?? variable.IsSecret;
        if (secret && string.IsNullOrEmpty(request.Value) && !created && wasSecret)
        {
            // Keep the stored secret: a form never shows it, so an empty field means "unchanged".
        }
        else if (secret)
        {
            variable.Value = protector.Protect(RunVariables.SealKey(key), request.Value ?? "");
        }
        else
        {
            variable.Value = request.Value ?? "";
        }

        variable.IsSecret = secret;
        variable.Description = request.Description?.Trim() ?? variable.Description;
        variable.UpdatedAt = time.GetUtcNow();
        audit.Record(db, actor, new AuditEvent(created ? "runbook_variable.created" : "runbook_variable.updated", "runbook_variable", key,
            null, new { key, isSecret = secret, value = secret ? SecretMask.Mask : variable.Value }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return variable;
    }

    public async Task<Result<bool>> DeleteVariableAsync(string key, AuditActor actor, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var variable = await db.Set<RunbookVariable>().AsTracking().FirstOrDefaultAsync(v => v.Key == key, cancellationToken);
        if (variable is null)
            return new DomainError("runbook_variable.not_found", $"There is no variable '{key}'.");
        audit.Record(db, actor, new AuditEvent("runbook_variable.deleted", "runbook_variable", key, new { key, isSecret = variable.IsSecret }));
        db.Remove(variable);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static object Describe(Runbook r) => new
    {
        r.Name, r.Description, r.AssetTypeId, action = r.Action is { } a ? WireName<RunbookAction>.Of(a) : null, r.IsActive, r.CronExpression, r.TimeZone, r.ScheduleEnabled, r.SkipIfRunning,
        steps = r.Steps.OrderBy(s => s.Position).Select(s => new { s.Name, s.Module, s.ScriptModuleId, s.Critical, s.Retries, s.TimeoutSeconds, s.AlwaysRun }),
    };
}
