using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>A runbook as the API and the editor save it: every field, and the complete ordered list of steps (saving replaces them).</summary>
public sealed record RunbookRequest(
    string? Name, string? Description, long? AssetTypeId, string? Action, bool? IsActive,
    string? CronExpression, string? TimeZone, bool? ScheduleEnabled, bool? SkipIfRunning, IReadOnlyList<RunbookStepRequest>? Steps);

/// <summary>One step of a <see cref="RunbookRequest"/>: module key (or <c>script</c> with a module id), parameter templates, policy.</summary>
public sealed record RunbookStepRequest(
    string? Name, string? Module, long? ScriptModuleId, Dictionary<string, string>? Parameters,
    bool? Critical, int? Retries, int? BackoffSeconds, int? TimeoutSeconds, bool? AlwaysRun);

/// <summary>A script module as saved.</summary>
public sealed record ScriptModuleRequest(string? Name, string? Description, string? Interpreter, string? Content, IReadOnlyList<ParameterDefinition>? Parameters, bool? IsActive);

/// <summary>A global variable as saved; a secret's value is write-only (empty keeps the stored one).</summary>
public sealed record RunbookVariableRequest(string? Value, bool? IsSecret, string? Description);

/// <summary>Sample parameters for a script module's test run.</summary>
public sealed record ScriptTestRequest(Dictionary<string, string?>? Parameters, int? TimeoutSeconds);

/// <summary>Retry a run from its failed step (<c>failed</c>, the default) or from the start (<c>start</c>).</summary>
public sealed record RunbookRetryRequest(string? From);
