namespace IpSolis.Server.Features.Catalog;

/// <summary>Shows an attribute only while the attribute <c>field</c> has <c>value</c>.</summary>
public sealed record AttributeConditionRequest(string? Field, string? Value);
