namespace IpSolis.Server.Features.Runbooks;

/// <summary>How a script process ended: exit code (null when it was killed or never started), its output, and why it was killed.</summary>
public sealed record ScriptExecution(int? ExitCode, string Stdout, string Stderr, bool TimedOut, bool Cancelled, string? StartError = null);
