using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>
/// Decides who may read <c>/metrics</c>: a client from <see cref="MetricsOptions.AllowedNetworks"/> (its address
/// resolved through the trusted proxies), or a bearer token whose scopes allow <c>metrics:read</c>. The endpoint is
/// off — 404, as if it did not exist — until one of the two could grant access: a network is listed or some live
/// token carries <c>metrics:read</c> explicitly. That lookup is cached briefly per node; a valid token is never
/// refused because of the cache.
/// </summary>
public sealed class MetricsAccess(
    IOptions<MetricsOptions> options,
    ClientAddress clients,
    ApiTokenAuthentication tokens,
    IDbContextFactory<IpSolisDbContext> contexts,
    TimeProvider time)
{
    public const string Scope = "metrics:read";

    private static readonly TimeSpan EnabledCacheLifetime = TimeSpan.FromSeconds(2);

    private IReadOnlyList<System.Net.IPNetwork>? _networks;
    private TokenCheck? _tokenExists; // a reference, so a reader never sees half an update

    public async Task<MetricsVerdict> CheckAsync(HttpContext context)
    {
        var networks = _networks ??= options.Value.Networks();
        if (networks.Count > 0 && System.Net.IPAddress.TryParse(clients.Of(context), out var address)
            && networks.Any(n => n.Contains(address)))
            return MetricsVerdict.Allowed;

        var authorization = context.Request.Headers.Authorization.ToString();
        AdminIdentity? identity = null;
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            identity = await tokens.AuthenticateAsync(authorization["Bearer ".Length..].Trim(), context.RequestAborted);
            if (identity is not null && ApiTokenScopes.Allows(identity.Scopes ?? [], Scope))
                return MetricsVerdict.Allowed;
        }

        if (networks.Count == 0 && !await ScopedTokenExistsAsync(context.RequestAborted))
            return MetricsVerdict.Off;
        return identity is null ? MetricsVerdict.Unauthenticated : MetricsVerdict.Forbidden;
    }

    private async Task<bool> ScopedTokenExistsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_tokenExists is { } known && now - known.CheckedAt < EnabledCacheLifetime)
            return known.Enabled;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var exists = await db.Set<ApiToken>().AnyAsync(
            t => t.RevokedAt == null && t.Scopes.Contains(Scope) && (t.ExpiresAt == null || t.ExpiresAt > now), cancellationToken);
        _tokenExists = new TokenCheck(exists, now);
        return exists;
    }

    private sealed record TokenCheck(bool Enabled, DateTimeOffset CheckedAt);
}
