using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Domain.Orders;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Orders;

namespace IpSolis.Server.Tests.Observability;

/// <summary>An order placed and provisioned shows up on <c>/metrics</c>: its state transitions and its job.</summary>
public sealed class MetricsOrderFlowTests : IAsyncLifetime
{
    private OrderHost _host = null!;
    private HttpClient _scraper = null!;

    public async Task InitializeAsync()
    {
        _host = await OrderHost.StartAsync();
        var (_, token) = await AccessFixtures.AddTokenAsync(_host.Factory, _host.Admin, AdminRole.Auditor, ["metrics:read"], "prometheus");
        _scraper = AccessFixtures.ApiClient(_host.Factory, token);
    }

    public async Task DisposeAsync()
    {
        _scraper.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Metrics_AfterAnOrderIsProvisioned_ShowTheTransitionsAndTheJob()
    {
        var type = await _host.AddTypeAsync("Metered laptop");
        await _host.AddAssetsAsync(type.Id, 1, "MET");
        var now = DateTimeOffset.UtcNow;

        var placed = await _host.PlaceAsync(OrderHost.Body(type.Id, "ann@example.com", now, now.AddDays(5)));
        placed.StatusCode.Should().Be(HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
        var id = (await OrderHost.JsonAsync(placed)).GetProperty("id").GetInt64();
        await _host.WaitForStatusAsync(id, OrderStatus.Provisioned);

        // The job's success is counted as its attempt ends, a moment after the order's commit is visible.
        var text = "";
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (DateTimeOffset.UtcNow < deadline)
        {
            text = await (await _scraper.GetAsync("/metrics")).Content.ReadAsStringAsync();
            if (MetricsScrapes.Sum(text, "ipsolis_jobs_succeeded_total", ("kind", "orders.run")) >= 1)
                break;
            await Task.Delay(100);
        }

        MetricsScrapes.Sum(text, "ipsolis_orders_transitions_total", ("from", "new"), ("to", "processing"), ("action", "provision")).Should().Be(1);
        MetricsScrapes.Sum(text, "ipsolis_orders_transitions_total", ("from", "processing"), ("to", "provisioned")).Should().Be(1);
        MetricsScrapes.Sum(text, "ipsolis_jobs_enqueued_total", ("kind", "orders.run")).Should().BeGreaterThanOrEqualTo(1);
        MetricsScrapes.Sum(text, "ipsolis_jobs_succeeded_total", ("kind", "orders.run"), ("queue", "provision")).Should().Be(1);
        MetricsScrapes.Sum(text, "ipsolis_jobs_wait_seconds_count", ("kind", "orders.run")).Should().BeGreaterThanOrEqualTo(1);
        MetricsScrapes.Sum(text, "ipsolis_jobs_run_seconds_count", ("kind", "orders.run")).Should().BeGreaterThanOrEqualTo(1);
        MetricsScrapes.Sum(text, "ipsolis_http_server_request_duration_seconds_count", ("route", "/api/v1/orders"), ("method", "POST"), ("status", "201")).Should().Be(1);
    }
}
