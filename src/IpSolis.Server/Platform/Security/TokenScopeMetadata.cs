namespace IpSolis.Server.Platform.Security;

/// <summary>Endpoint metadata: the API token scope an endpoint needs (besides the role of its policy).</summary>
public sealed record TokenScopeMetadata(string Scope);
