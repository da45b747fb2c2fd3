using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace IpSolis.Server.Tests.Observability;

/// <summary><c>/metrics</c>: off until a token or a network could grant access, then 401/403/200, in the text format promtool accepts.</summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;
    private AdminUser _admin = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        _admin = await AccessFixtures.AddUserAsync(_factory, "metrics-admin", AdminRole.Superadmin);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Metrics_WhenNoNetworkIsAllowedAndNoTokenHasTheScope_IsNotFound()
    {
        var (_, ordersToken) = await AccessFixtures.AddTokenAsync(_factory, _admin, AdminRole.Admin, ["orders:read"]);

        using var anonymous = await AccessFixtures.ApiClient(_factory).GetAsync("/metrics");
        using var withToken = await AccessFixtures.ApiClient(_factory, ordersToken).GetAsync("/metrics");

        anonymous.StatusCode.Should().Be(HttpStatusCode.NotFound);
        withToken.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await anonymous.Content.ReadAsStringAsync()).Should().NotContain("# TYPE");
    }

    [Fact]
    public async Task Metrics_OnceAMetricsTokenExists_RefusesOtherTokensWith403AndNoTokenWith401()
    {
        await AccessFixtures.AddTokenAsync(_factory, _admin, AdminRole.Auditor, [MetricsScope], "prometheus");
        var (_, ordersToken) = await AccessFixtures.AddTokenAsync(_factory, _admin, AdminRole.Admin, ["orders:read"]);

        using var forbidden = await AccessFixtures.ApiClient(_factory, ordersToken).GetAsync("/metrics");
        using var anonymous = await AccessFixtures.ApiClient(_factory).GetAsync("/metrics");
        using var unknown = await AccessFixtures.ApiClient(_factory, "ips_" + new string('x', 43)).GetAsync("/metrics");

        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        forbidden.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await forbidden.Content.ReadAsStringAsync()).Should().Contain("metrics:read");
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        unknown.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Metrics_WithAMetricsReadToken_AnswersPrometheusText()
    {
        var (_, token) = await AccessFixtures.AddTokenAsync(_factory, _admin, AdminRole.Auditor, [MetricsScope], "prometheus");
        var client = AccessFixtures.ApiClient(_factory, token);
        (await client.GetAsync("/api/v1/version")).EnsureSuccessStatusCode();

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        text.Should().Contain("# TYPE ipsolis_http_server_request_duration_seconds histogram\n");
        MetricsScrapes.Sum(text, "ipsolis_http_server_request_duration_seconds_count",
            ("route", "/api/v1/version"), ("method", "GET"), ("status", "200")).Should().Be(1);
        text.Should().Contain("ipsolis_build_info{commit=\"");
        text.Should().Contain("# TYPE ipsolis_jobs_enqueued_total counter\n");
        text.Should().Contain("# TYPE dotnet_gc_collections_total counter\n", "the runtime's own meter is exported");
        MetricsScrapes.Sum(text, "ipsolis_db_sqlite_write_gate_waiting").Should().Be(0);
    }

    [Fact]
    public async Task Metrics_NeverLabelsARequestByItsRawPath()
    {
        var (_, token) = await AccessFixtures.AddTokenAsync(_factory, _admin, AdminRole.Auditor, [MetricsScope], "prometheus");
        var client = AccessFixtures.ApiClient(_factory, token);
        foreach (var id in new[] { 9001, 9002, 9003 })
            await client.GetAsync($"/api/v1/orders/{id}");
        await client.GetAsync("/no-such-page-4711");

        var text = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();

        // Only the label sets: a sample's value (a sum of seconds, a start time) may contain any digits.
        var labelSets = text.Split('\n')
            .Where(line => !line.StartsWith('#') && line.Contains('{'))
            .Select(line => line[line.IndexOf('{')..(line.LastIndexOf('}') + 1)])
            .ToList();
        labelSets.Should().Contain(labels => labels.Contains("route=\"/api/v1/orders/{id:long}\""));
        labelSets.Should().NotContain(labels => labels.Contains("9001") || labels.Contains("4711"));
    }

    [Fact]
    public async Task Metrics_Exposition_PassesPromtoolCheck()
    {
        var (_, token) = await AccessFixtures.AddTokenAsync(_factory, _admin, AdminRole.Auditor, [MetricsScope], "prometheus");
        var client = AccessFixtures.ApiClient(_factory, token);
        await client.GetAsync("/api/v1/version");
        await client.GetAsync("/livez");
        await client.GetAsync("/api/v1/nothing-here");

        var text = await (await client.GetAsync("/metrics")).Content.ReadAsStringAsync();
        var (exitCode, output) = await Promtool.RunAsync(["check", "metrics"], text);

        exitCode.Should().Be(0, output);
    }

    private const string MetricsScope = "metrics:read";
}
