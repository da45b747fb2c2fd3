namespace IpSolis.Server.Features.Runbooks;

/// <summary>A step's name and the output keys it declares (null: known only when it runs).</summary>
public sealed record StepOutputs(string Name, IReadOnlyList<string>? Outputs);
