using IpSolis.Domain.Runbooks;

namespace IpSolis.Server.Features.Runbooks;

/// <summary>
/// One attempt of a step as a module sees it: its resolved and checked parameters, the run it belongs to, where to
/// write log lines (masked before they are stored) and the mask to apply to anything else it reports.
/// </summary>
public sealed class StepInvocation(
    long runId, string stepName, int attempt, long? orderId, long? assetId,
    IReadOnlyDictionary<string, string> parameters, SecretMask mask, TimeSpan timeout, Action<string> log)
{
    public long RunId { get; } = runId;

    public string StepName { get; } = stepName;

    public int Attempt { get; } = attempt;

    public long? OrderId { get; } = orderId;

    public long? AssetId { get; } = assetId;

    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    public SecretMask Mask { get; } = mask;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Appends a line to the step's live log.</summary>
    public void Log(string line) => log(line);

    public string? Get(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    public bool Flag(string name) => Get(name) == "true";

    public int Int(string name, int fallback) => int.TryParse(Get(name), System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
