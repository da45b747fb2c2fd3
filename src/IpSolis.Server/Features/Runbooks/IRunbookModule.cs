using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// A built-in step module. Register with <c>services.AddSingleton&lt;IRunbookModule, ...&gt;()</c>; the editor lists
/// modules by <see cref="Category"/>, and a step names one by <see cref="Key"/>. A module never runs inside a
/// database transaction of the run: it may call outside systems, and the run commits before and after it.
/// </summary>
public interface IRunbookModule
{
    /// <summary>Stable key (<c>http.request</c>).</summary>
    string Key { get; }

    string Category { get; }

    string Name { get; }

    string Description { get; }

    IReadOnlyList<ParameterDefinition> Parameters { get; }

    /// <summary>
    /// The output keys a step of this module gives later steps (<c>{{steps.&lt;step&gt;.&lt;key&gt;}}</c>), given the
    /// step's parameter templates; null when they cannot be known before the step runs. The editor suggests them and a
    /// save refuses a later step that reads a key the list lacks.
    /// </summary>
    IReadOnlyList<string>? OutputsFor(IReadOnlyDictionary<string, string> parameters) => null;

    Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken);
}
