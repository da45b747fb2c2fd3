namespace IpSolis.Domain.Runbooks;

/// <summary>What to do with a step found started but never finished: run it again, or fail the run with <paramref name="Error"/>.</summary>
public sealed record InterruptedStepDecision(bool RunAgain, string? Error);
