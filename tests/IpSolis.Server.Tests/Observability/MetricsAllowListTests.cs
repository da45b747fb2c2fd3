using System.Net;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace IpSolis.Server.Tests.Observability;

/// <summary><c>Metrics:AllowedNetworks</c>: scrapes from a listed network need no token; others still do.</summary>
public sealed class MetricsAllowListTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync(
        new Dictionary<string, string?> { ["Metrics:AllowedNetworks"] = "127.0.0.1, 10.20.0.0/16" },
        services => services.AddSingleton<IStartupFilter, PeerAddressFromHeader>());

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.20.3.4")]
    public async Task Metrics_FromAnAllowedNetwork_AnswersWithoutAToken(string peer)
    {
        using var response = await ScrapeAsync(peer);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("# TYPE ipsolis_build_info gauge");
    }

    [Fact]
    public async Task Metrics_FromAnyOtherAddress_NeedsAToken()
    {
        using var response = await ScrapeAsync("203.0.113.9");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Metrics_ForwardedForAnAllowedAddress_IsNotBelievedFromAnUntrustedPeer()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(PeerAddressFromHeader.Header, "203.0.113.9");
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");

        using var response = await AccessFixtures.ApiClient(_factory).SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private Task<HttpResponseMessage> ScrapeAsync(string peer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add(PeerAddressFromHeader.Header, peer);
        return AccessFixtures.ApiClient(_factory).SendAsync(request);
    }
}
