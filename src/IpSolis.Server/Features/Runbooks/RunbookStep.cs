namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// One step of a runbook: a built-in module (<see cref="Module"/> like <c>http.request</c>) or a script module
/// (<see cref="Module"/> <c>script</c> and <see cref="ScriptModuleId"/>), its parameters as templates
/// (<c>{{steps.x.y}}</c>, <c>{{order.*}}</c>, <c>{{asset.*}}</c>, <c>{{vars.*}}</c>) and its policy.
/// </summary>
public sealed class RunbookStep
{
    public long Id { get; set; }

    public long RunbookId { get; set; }

    /// <summary>1-based.</summary>
    public int Position { get; set; }

    /// <summary>Unique in the runbook; later steps read its outputs as <c>{{steps.&lt;name&gt;.&lt;key&gt;}}</c>.</summary>
    public required string Name { get; set; }

    public required string Module { get; set; }

    public long? ScriptModuleId { get; set; }

    /// <summary>JSON object: parameter name → template.</summary>
    public string ParametersJson { get; set; } = "{}";

    public bool Critical { get; set; } = true;

    public int Retries { get; set; } = 3;

    public int BackoffSeconds { get; set; } = 5;

    public int TimeoutSeconds { get; set; } = 120;

    public bool AlwaysRun { get; set; }
}
