using IpSolis.Server.Platform.Security;

namespace IpSolis.Server.Features.Administration;

/// <summary>A new token and its secret, which is shown once and never stored.</summary>
public sealed record CreatedApiToken(ApiToken Token, string Secret);
