using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Runbooks;
using Microsoft.AspNetCore.Http;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// The step editor's form: a step as a person fills it in. Each parameter has a value and a binding that says how
/// the value becomes the stored template — <c>literal</c> (the text as typed; a <c>{{</c> in it stays text),
/// <c>variable</c> (one value another step, the order, its asset or a global variable provides) or
/// <c>template</c> (text with placeholders, like <c>order-{{order.id}}</c>).
/// </summary>
public sealed class StepDraft
{
    public const string Literal = "literal";
    public const string Variable = "variable";
    public const string Template = "template";

    public static readonly IReadOnlyList<string> Bindings = [Literal, Variable, Template];

    public string Name { get; set; } = "";

    /// <summary>A built-in module key or <c>script</c>.</summary>
    public string Module { get; set; } = "";

    public long? ScriptModuleId { get; set; }

    public Dictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Binding { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Critical { get; set; } = true;

    public bool AlwaysRun { get; set; }

    public string Retries { get; set; } = "3";

    public string BackoffSeconds { get; set; } = "5";

    public string TimeoutSeconds { get; set; } = "120";

    /// <summary>An empty step of a module, with its parameters' defaults shown as literals.</summary>
    public static StepDraft For(string module, long? scriptModuleId, IEnumerable<ParameterDefinition> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var draft = new StepDraft { Module = module, ScriptModuleId = scriptModuleId };
        foreach (var parameter in schema)
        {
            draft.Values[parameter.Name] = "";
            draft.Binding[parameter.Name] = Literal;
        }

        return draft;
    }

    /// <summary>A saved step, each template shown in the binding that reads it best.</summary>
    public static StepDraft From(RunbookStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var draft = new StepDraft
        {
            Name = step.Name, Module = step.Module, ScriptModuleId = step.ScriptModuleId, Critical = step.Critical, AlwaysRun = step.AlwaysRun,
            Retries = Text(step.Retries), BackoffSeconds = Text(step.BackoffSeconds), TimeoutSeconds = Text(step.TimeoutSeconds),
        };
        foreach (var (key, template) in RunbookJson.Parameters(step.ParametersJson))
        {
            var (binding, value) = Show(template);
            draft.Values[key] = value;
            draft.Binding[key] = binding;
        }

        return draft;
    }

    /// <summary>What a posted editor form says (<c>name</c>, <c>value.&lt;parameter&gt;</c>, <c>bind.&lt;parameter&gt;</c>, policy fields).</summary>
    public static StepDraft FromForm(IFormCollection form, string module, long? scriptModuleId, IEnumerable<ParameterDefinition> schema)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(schema);
        var draft = new StepDraft
        {
            Name = form["name"].ToString().Trim(),
            Module = module,
            ScriptModuleId = scriptModuleId,
            Critical = form["critical"].ToString() == "true",
            AlwaysRun = form["alwaysRun"].ToString() == "true",
            Retries = form["retries"].ToString().Trim(),
            BackoffSeconds = form["backoffSeconds"].ToString().Trim(),
            TimeoutSeconds = form["timeoutSeconds"].ToString().Trim(),
        };
        foreach (var parameter in schema)
        {
            draft.Values[parameter.Name] = form["value." + parameter.Name].ToString();
            var binding = form["bind." + parameter.Name].ToString();
            draft.Binding[parameter.Name] = Bindings.Contains(binding, StringComparer.Ordinal) ? binding : Literal;
        }

        return draft;
    }

    /// <summary>The step as the runbook saves it; problems with the policy numbers are named by their field.</summary>
    public Result<RunbookStepRequest> ToRequest(string field)
    {
        var errors = new List<DomainError>();
        var retries = Number(Retries, "retries", "Retries", field, errors);
        var backoff = Number(BackoffSeconds, "backoffSeconds", "Backoff", field, errors);
        var timeout = Number(TimeoutSeconds, "timeoutSeconds", "Timeout", field, errors);
        if (errors.Count > 0)
            return Result<RunbookStepRequest>.Failure([.. errors]);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Values)
        {
            var template = Store(Binding.GetValueOrDefault(key) ?? Literal, value);
            if (template.Length > 0)
                parameters[key] = template;
        }

        return new RunbookStepRequest(Name, Module, ScriptModuleId, parameters, Critical, retries, backoff, timeout, AlwaysRun);
    }

    /// <summary>The stored template of a value in its binding; empty means "not set" (a default or a required-parameter error applies).</summary>
    public static string Store(string binding, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return binding switch
        {
            Variable when value.Trim().Length == 0 => "",
            // A bare path (steps.x.y) is accepted as well as the suggestion as offered ({{steps.x.y}}).
            Variable => value.Trim().StartsWith("{{", StringComparison.Ordinal) ? value.Trim() : "{{" + value.Trim() + "}}",
            Template => value,
            _ => value.Replace("{{", "{{{{", StringComparison.Ordinal),
        };
    }

    /// <summary>How a stored template reads in the editor: plain text as a literal, one placeholder alone as a variable, anything else as a template.</summary>
    public static (string Binding, string Value) Show(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parsed = VariableTemplate.Parse(template);
        if (!parsed.Succeeded)
            return (Template, template);
        var paths = parsed.Value.Paths;
        if (paths.Count == 0)
            return (Literal, parsed.Value.Resolve(_ => null).Value);
        if (paths.Count == 1 && template.Trim() == "{{" + paths[0] + "}}")
            return (Variable, "{{" + paths[0] + "}}");
        return (Template, template);
    }

    private static int? Number(string text, string key, string label, string field, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            return value;
        errors.Add(new DomainError("runbook.step_policy", $"{label} is a whole number of zero or more.", $"{field}.{key}"));
        return null;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
