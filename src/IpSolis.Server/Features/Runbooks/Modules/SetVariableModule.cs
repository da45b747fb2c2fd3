using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary><c>core.set_variable</c>: gives later steps a value as <c>{{steps.&lt;step&gt;.&lt;Name&gt;}}</c> (a computed name, a joined list...).</summary>
public sealed class SetVariableModule : IRunbookModule
{
    public string Key => "core.set_variable";

    public string Category => "Variables";

    public string Name => "Set variable";

    public string Description => "Stores Value under Name; later steps read it as {{steps.<this step>.<Name>}}.";

    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("Name", ParameterType.String, Required: true, Description: "The output key (letters, digits, '_')."),
        new("Value", ParameterType.String, Description: "The value; may use placeholders."),
    ];

    /// <summary>The key is the Name parameter when it is written out; a Name made of placeholders is known only when the step runs.</summary>
    public IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var name = parameters.FirstOrDefault(p => string.Equals(p.Key, "Name", StringComparison.OrdinalIgnoreCase)).Value?.Trim();
        return name is { Length: > 0 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? [name] : null;
    }

    public Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var name = step.Get("Name")!;
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            return Task.FromResult(StepResult.Failure($"'{name}' is not a variable name (letters, digits, '_' and '-')."));
        return Task.FromResult(StepResult.Success(new Dictionary<string, string> { [name] = step.Get("Value") ?? "" }));
    }
}
