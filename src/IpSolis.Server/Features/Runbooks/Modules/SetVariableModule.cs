using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary><c>core.set_variable</c>: gives later steps a value as <c>{{steps.&lt;step&gt;.&lt;Name&gt;}}</c> (a computed name, a joined list...).</summary>
public sealed class SetVariableModule : IRunbookModule
{
    public string Key => "core.set_variable";

    public string Category => "Core";

    public string Name => "Set variable";

    public string Description => "Stores Value under Name; later steps read it as {{steps.<this step>.<Name>}}.";

    public IReadOnlyList<ParameterDefinition> Parameters { get; } =
    [
        new("Name", ParameterType.String, Required: true, Description: "The output key (letters, digits, '_')."),
        new("Value", ParameterType.String, Description: "The value; may use placeholders."),
    ];

    public Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var name = step.Get("Name")!;
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            return Task.FromResult(StepResult.Failure($"'{name}' is not a variable name (letters, digits, '_' and '-')."));
        return Task.FromResult(StepResult.Success(new Dictionary<string, string> { [name] = step.Get("Value") ?? "" }));
    }
}
