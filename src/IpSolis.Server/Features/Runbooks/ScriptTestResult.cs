namespace IpSolis.Server.Features.Runbooks;

/// <summary>The answer of a script module's test run, secrets masked.</summary>
public sealed record ScriptTestResult(bool Succeeded, int? ExitCode, string? Error, IReadOnlyDictionary<string, string> Outputs, string Log);
