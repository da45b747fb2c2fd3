namespace IpSolis.Server.Features.Runbooks.Modules;

/// <summary>A step's parameters cannot be used as given; the message says which and why.</summary>
public sealed class StepInputException(string message) : Exception(message);
