using System.Net;

namespace IpSolis.Server.Platform.Security;

/// <summary>
/// The address of the client behind a request. Forwarding headers are believed only when the direct peer is one
/// of our trusted proxies; then the nearest address in <c>X-Forwarded-For</c> that is not itself a trusted proxy
/// wins (a client can prepend anything it likes, so the left end is never trusted), else <c>X-Real-IP</c>.
/// </summary>
public sealed class ClientAddress(IReadOnlyList<IPNetwork> trustedProxies)
{
    private const string ItemKey = "ipsolis.client_address";

    public string? Of(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var cached))
            return (string?)cached;
        var resolved = Resolve(context)?.ToString();
        context.Items[ItemKey] = resolved;
        return resolved;
    }

    private IPAddress? Resolve(HttpContext context)
    {
        var peer = Normalize(context.Connection.RemoteIpAddress);
        if (peer is null || !IsTrusted(peer))
            return peer;

        var forwarded = context.Request.Headers["X-Forwarded-For"].ToString();
        if (!string.IsNullOrWhiteSpace(forwarded))
        {
            var hops = forwarded.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = hops.Length - 1; i >= 0; i--)
            {
                if (!IPAddress.TryParse(hops[i], out var hop))
                    return peer; // a garbled chain: do not guess
                hop = Normalize(hop)!;
                if (!IsTrusted(hop))
                    return hop;
            }
        }

        var real = context.Request.Headers["X-Real-IP"].ToString().Trim();
        return IPAddress.TryParse(real, out var realAddress) ? Normalize(realAddress) : peer;
    }

    /// <summary>Whether the direct peer of <paramref name="context"/> is one of our trusted proxies.</summary>
    public bool IsFromTrustedProxy(HttpContext context) =>
        Normalize(context.Connection.RemoteIpAddress) is { } peer && IsTrusted(peer);

    private bool IsTrusted(IPAddress address) => trustedProxies.Any(n => n.Contains(address));

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
