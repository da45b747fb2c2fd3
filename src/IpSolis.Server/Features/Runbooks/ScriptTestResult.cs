namespace IpSolis.Server.Features.Runbooks;

/// <summary>The answer of a script module's test run, secrets masked: the interpreted result, the live log (stdout and
/// stderr lines as they came), each stream on its own, and how long the process ran.</summary>
public sealed record ScriptTestResult(bool Succeeded, int? ExitCode, string? Error, IReadOnlyDictionary<string, string> Outputs, string Log,
    string Stdout, string Stderr, long DurationMilliseconds);
