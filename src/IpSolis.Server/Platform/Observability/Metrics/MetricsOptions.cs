using System.Net;

namespace IpSolis.Server.Platform.Observability.Metrics;

/// <summary>
/// Who may scrape <c>/metrics</c> (section <c>Metrics</c>). Besides these networks, any API token carrying the
/// <c>metrics:read</c> scope may. With no network listed and no such token in existence the endpoint is off (404).
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// CIDR ranges or single addresses, comma-separated (<c>10.0.5.0/24, 127.0.0.1</c>), whose scrapes need no token.
    /// The client address is resolved through <c>Network:TrustedProxies</c>, so a proxy in the list does not open
    /// the endpoint to everyone behind it. Empty: only tokens.
    /// </summary>
    public string? AllowedNetworks { get; set; }

    public IReadOnlyList<IPNetwork> Networks()
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in Entries(AllowedNetworks))
        {
            if (IPNetwork.TryParse(entry, out var network))
                networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address))
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
        }

        return networks;
    }

    internal static IEnumerable<string> Entries(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
