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

    Task<StepResult> RunAsync(StepInvocation step, CancellationToken cancellationToken);
}
