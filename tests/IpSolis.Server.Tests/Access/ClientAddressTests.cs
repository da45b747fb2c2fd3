using System.Net;
using IpSolis.Server.Platform.Security;

namespace IpSolis.Server.Tests.Access;

public sealed class ClientAddressTests
{
    private static string? Resolve(string peer, string trusted, string? forwardedFor = null, string? realIp = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        if (forwardedFor is not null)
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        if (realIp is not null)
            context.Request.Headers["X-Real-IP"] = realIp;
        return new ClientAddress(new NetworkOptions { TrustedProxies = trusted }.TrustedNetworks()).Of(context);
    }

    [Fact]
    public void ForwardingHeaders_FromAnUntrustedPeer_AreIgnored() =>
        Resolve("203.0.113.9", "10.0.0.0/8", "198.51.100.1", "198.51.100.2").Should().Be("203.0.113.9");

    [Fact]
    public void BehindATrustedProxy_TheNearestUntrustedHopWins_NotWhatTheClientPrepended() =>
        Resolve("10.0.0.5", "10.0.0.0/8", "1.2.3.4, 198.51.100.7, 10.0.0.9").Should().Be("198.51.100.7");

    [Fact]
    public void BehindATrustedProxy_XRealIpIsUsed_WhenThereIsNoForwardedFor() =>
        Resolve("10.0.0.5", "10.0.0.0/8, 127.0.0.1", realIp: "198.51.100.3").Should().Be("198.51.100.3");

    [Fact]
    public void ASingleAddress_CanBeTrusted_AndMappedAddressesAreNormalised() =>
        Resolve("::ffff:127.0.0.1", "127.0.0.1", "198.51.100.4").Should().Be("198.51.100.4");

    [Fact]
    public void NoTrustedProxies_MeansThePeerItself() =>
        Resolve("127.0.0.1", "", "198.51.100.4").Should().Be("127.0.0.1");
}
