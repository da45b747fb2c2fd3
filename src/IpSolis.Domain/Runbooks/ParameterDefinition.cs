namespace IpSolis.Domain.Runbooks;

/// <summary>One parameter a script module takes: its name (also its environment variable), type, whether it is
/// required, its default and whether its value is a secret (masked everywhere).</summary>
public sealed record ParameterDefinition(string Name, ParameterType Type, bool Required = false, string? Default = null, bool Secret = false, string? Description = null);
