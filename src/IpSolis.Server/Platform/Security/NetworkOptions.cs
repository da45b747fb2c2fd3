using System.Net;

namespace IpSolis.Server.Platform.Security;

/// <summary>Which peers are our own reverse proxies (section <c>Network</c>), whose forwarding headers we believe.</summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";

    /// <summary>CIDR ranges or single addresses, comma-separated (<c>10.0.0.0/8, 127.0.0.1</c>). Empty: trust no header.</summary>
    public string? TrustedProxies { get; set; }

    public IReadOnlyList<IPNetwork> TrustedNetworks()
    {
        var networks = new List<IPNetwork>();
        foreach (var entry in (TrustedProxies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network))
                networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address))
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
        }

        return networks;
    }
}
