using IpSolis.Domain;
using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>The JSON shapes of the runbooks API (camelCase by the host's defaults). Secret values never appear.</summary>
public static class RunbookViews
{
    public static object Runbook(Runbook r) => new
    {
        r.Id, r.Name, r.Description, r.AssetTypeId, action = r.Action is { } a ? WireName<RunbookAction>.Of(a) : null, r.IsActive,
        r.CronExpression, r.TimeZone, r.ScheduleEnabled, r.SkipIfRunning, r.NextRunAt, r.CreatedAt, r.UpdatedAt,
        steps = r.Steps.OrderBy(s => s.Position).Select(s => new
        {
            s.Position, s.Name, s.Module, s.ScriptModuleId, parameters = RunbookJson.Parameters(s.ParametersJson),
            s.Critical, s.Retries, s.BackoffSeconds, s.TimeoutSeconds, s.AlwaysRun,
        }),
    };

    public static object Run(RunbookRun r, IEnumerable<RunbookRunStep> steps) => new
    {
        r.Id, r.RunbookId, r.RunbookName, r.OrderId, r.Trigger, r.TriggeredBy, status = WireName<RunbookRunStatus>.Of(r.Status),
        r.CancelRequested, r.CreatedAt, r.StartedAt, r.FinishedAt, r.Error, r.Notes, r.RetryOfRunId,
        steps = steps.OrderBy(s => s.Position).Select(s => new
        {
            s.Position, s.Name, s.Module, status = WireName<RunbookStepStatus>.Of(s.Status), s.Attempts, s.StartedAt, s.FinishedAt,
            outputs = RunbookJson.Parameters(s.OutputsJson), s.Log, s.Error, s.CarriedOver,
        }),
    };

    public static object RunSummary(RunbookRun r) => new
    {
        r.Id, r.RunbookId, r.RunbookName, r.OrderId, r.Trigger, status = WireName<RunbookRunStatus>.Of(r.Status), r.CreatedAt, r.FinishedAt, r.Error,
    };

    public static object Module(ScriptModule m) => new
    {
        m.Id, m.Name, m.Category, m.Description, m.Interpreter, m.Content, parameters = RunbookJson.Schema(m.ParametersJson), m.IsActive, m.CreatedAt, m.UpdatedAt,
    };

    public static object Variable(RunbookVariable v) => new { v.Key, value = v.IsSecret ? null : v.Value, v.IsSecret, isSet = v.Value.Length > 0, v.Description, v.UpdatedAt };

    public static object BuiltIn(IRunbookModule m) => new
    {
        m.Key, m.Category, m.Name, m.Description,
        parameters = m.Parameters.Select(p => new { p.Name, type = WireName<ParameterType>.Of(p.Type), p.Required, p.Default, p.Secret, p.Description }),
    };
}
