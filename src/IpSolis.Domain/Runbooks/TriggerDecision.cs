namespace IpSolis.Domain.Runbooks;

/// <summary>Start a run (<paramref name="Fire"/>) or not, with the reason shown to operators.</summary>
public sealed record TriggerDecision(bool Fire, string? Reason);
