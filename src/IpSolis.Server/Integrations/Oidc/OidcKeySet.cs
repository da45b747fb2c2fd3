using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace IpSolis.Server.Integrations.Oidc;

/// <summary>
/// The providers' signing keys (JWKS), by <c>jwks_uri</c>. A token whose <c>kid</c> is not among the cached keys
/// makes us fetch the set again (the provider rotated its keys), at most once per <see cref="RefetchInterval"/> per
/// set, so a stream of unknown kids cannot turn into a stream of requests to the provider. Keys are also refreshed
/// after <see cref="Lifetime"/> to drop retired ones.
/// </summary>
internal sealed class OidcKeySet(IHttpClientFactory http, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public static readonly TimeSpan RefetchInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _sets = new(StringComparer.Ordinal);

    /// <summary>The keys that may have signed a token with <paramref name="kid"/> (all keys when it has none), or
    /// the reason they could not be had. An empty list means the kid is unknown even after fetching again.</summary>
    public async Task<(IReadOnlyList<SecurityKey>? Keys, string? Problem)> FindAsync(string jwksUri, string? kid, CancellationToken cancellationToken)
    {
        var entry = _sets.GetOrAdd(jwksUri, _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var stale = entry.Keys is null || now - entry.FetchedAt >= Lifetime;
            var unknown = entry.Keys is not null && kid is not null && !entry.Keys.Any(k => k.KeyId == kid);
            if (stale || (unknown && now - entry.FetchedAt >= RefetchInterval))
            {
                var (keys, problem) = await FetchAsync(jwksUri, cancellationToken);
                if (keys is null)
                {
                    // A provider that is down for a moment: keep verifying with the keys we have.
                    if (entry.Keys is null)
                        return (null, problem);
                }
                else
                {
                    entry.Keys = keys;
                    entry.FetchedAt = now;
                }
            }

            var found = kid is null ? entry.Keys! : entry.Keys!.Where(k => k.KeyId == kid).ToList();
            return (found, null);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private async Task<(IReadOnlyList<SecurityKey>? Keys, string? Problem)> FetchAsync(string jwksUri, CancellationToken cancellationToken)
    {
        try
        {
            using var client = http.CreateClient(OpenIdConnectClient.HttpClientName);
            using var response = await client.GetAsync(jwksUri, cancellationToken);
            if (!response.IsSuccessStatusCode)
                return (null, $"jwks answered {(int)response.StatusCode}");
            var set = new JsonWebKeySet(await response.Content.ReadAsStringAsync(cancellationToken));
            // Only signing keys: an encryption key must never verify a signature.
            var keys = set.Keys.Where(k => string.IsNullOrEmpty(k.Use) || k.Use == "sig").Cast<SecurityKey>().ToList();
            return (keys, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or ArgumentException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"jwks unavailable: {ex.GetType().Name}");
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public IReadOnlyList<SecurityKey>? Keys { get; set; }

        public DateTimeOffset FetchedAt { get; set; }
    }
}
