namespace IpSolis.Server.Features.Runbooks;

/// <summary>What one attempt of a step produced: success or the error, its output values, and whether it asks the run to stop.</summary>
public sealed record StepResult(bool Succeeded, IReadOnlyDictionary<string, string> Outputs, string? Error = null, bool StopRun = false)
{
    public static StepResult Success(IReadOnlyDictionary<string, string>? outputs = null, bool stopRun = false) =>
        new(true, outputs ?? new Dictionary<string, string>(), null, stopRun);

    public static StepResult Failure(string error, IReadOnlyDictionary<string, string>? outputs = null) =>
        new(false, outputs ?? new Dictionary<string, string>(), error);
}
