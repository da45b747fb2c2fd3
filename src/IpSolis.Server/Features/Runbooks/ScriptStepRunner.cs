using System.Globalization;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// Runs a step that uses a script module: checks its parameters against the module's schema, adds secret parameters
/// to the run's mask, runs the script (<see cref="ScriptProcess"/>) and reads its result (<see cref="ScriptResult"/>).
/// </summary>
public sealed class ScriptStepRunner(IDbContextFactory<IpSolisDbContext> contexts, ScriptProcess process)
{
    /// <summary>The <see cref="RunbookStep.Module"/> of a script step.</summary>
    public const string ModuleKey = "script";

    public async Task<StepResult> RunAsync(
        long moduleId, RunbookRun run, string stepName, int attempt, IReadOnlyDictionary<string, string?> values, RunVariables variables,
        TimeSpan timeout, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(variables);
        ScriptModule? module;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            module = await db.Set<ScriptModule>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == moduleId, cancellationToken);
        if (module is null)
            return StepResult.Failure($"Script module {moduleId} no longer exists.");
        if (!module.IsActive)
            return StepResult.Failure($"Script module '{module.Name}' is inactive.");

        var schema = RunbookJson.Schema(module.ParametersJson);
        var parameters = ParameterSchema.Apply(schema, values);
        if (!parameters.Succeeded)
            return StepResult.Failure(string.Join(" ", parameters.Errors.Select(e => e.Message)));
        variables.AddSecrets(schema.Where(p => p.Secret).Select(p => parameters.Value.GetValueOrDefault(p.Name) ?? ""));

        var context = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["IPSOLIS_RUN_ID"] = run.Id.ToString(CultureInfo.InvariantCulture),
            ["IPSOLIS_STEP"] = stepName,
            ["IPSOLIS_ATTEMPT"] = attempt.ToString(CultureInfo.InvariantCulture),
        };
        if (run.OrderId is { } orderId)
            context["IPSOLIS_ORDER_ID"] = orderId.ToString(CultureInfo.InvariantCulture);

        var execution = await process.RunAsync(module.Interpreter, module.Content, parameters.Value, context, timeout, log, cancellationToken);
        if (execution.StartError is { } startError)
            return StepResult.Failure(startError);
        if (execution.TimedOut)
            return StepResult.Failure($"The script timed out after {timeout.TotalSeconds:0} s; its process tree was killed.");
        if (execution.Cancelled)
            throw new OperationCanceledException(cancellationToken);
        var result = ScriptResult.Interpret(execution.ExitCode ?? -1, execution.Stdout, execution.Stderr);
        return new StepResult(result.Succeeded, result.Outputs, result.Error, result.StopRun);
    }
}
