using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpSolis.Domain.Access;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Orders;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>
/// The real host (with workers) for runbook tests: a superadministrator's token with the runbooks and orders scopes,
/// and helpers that save script modules and runbooks through the API and wait for runs and orders.
/// </summary>
public sealed class RunbookHost : IAsyncDisposable
{
    private RunbookHost(OrderHost orders, HttpClient api)
    {
        Orders = orders;
        Api = api;
    }

    public OrderHost Orders { get; }

    public HttpClient Api { get; }

    public static async Task<RunbookHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var orders = await OrderHost.StartAsync(settings: settings);
        var (_, token) = await AccessFixtures.AddTokenAsync(orders.Factory, orders.Admin, AdminRole.Superadmin,
            [RunbooksEndpoints.Read, RunbooksEndpoints.Write, "orders:read", "orders:write"], "runbooks test");
        return new RunbookHost(orders, AccessFixtures.ApiClient(orders.Factory, token));
    }

    public async Task<long> AddModuleAsync(string name, string content, object[]? parameters = null, string interpreter = "bash")
    {
        var response = await Api.PostAsJsonAsync("/api/v1/script-modules", new { name, interpreter, content, parameters = parameters ?? [], description = "test" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await AccessFixtures.JsonAsync(response)).GetProperty("id").GetInt64();
    }

    public async Task<long> AddRunbookAsync(object body)
    {
        var response = await Api.PostAsJsonAsync("/api/v1/runbooks", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await AccessFixtures.JsonAsync(response)).GetProperty("id").GetInt64();
    }

    public async Task<long> PlaceAsync(long typeId, string requester = "ann@example.com")
    {
        var now = DateTimeOffset.UtcNow;
        var response = await Orders.PlaceAsync(OrderHost.Body(typeId, requester, now, now.AddDays(10)));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await OrderHost.JsonAsync(response)).GetProperty("id").GetInt64();
    }

    public async Task<RunbookRun> LatestRunForOrderAsync(long orderId)
    {
        await using var db = await AccessFixtures.Contexts(Orders.Factory).CreateDbContextAsync();
        return await db.Set<RunbookRun>().AsNoTracking().Where(r => r.OrderId == orderId).OrderByDescending(r => r.Id).FirstAsync();
    }

    public async Task<List<RunbookRunStep>> StepsAsync(long runId)
    {
        await using var db = await AccessFixtures.Contexts(Orders.Factory).CreateDbContextAsync();
        return await db.Set<RunbookRunStep>().AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Position).ToListAsync();
    }

    /// <summary>Polls the run row until it is finished (the host's workers run it).</summary>
    public async Task<RunbookRun> WaitForRunAsync(long runId, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            await using (var db = await AccessFixtures.Contexts(Orders.Factory).CreateDbContextAsync())
            {
                var run = await db.Set<RunbookRun>().AsNoTracking().FirstAsync(r => r.Id == runId);
                if (run.Status is not (RunbookRunStatus.Pending or RunbookRunStatus.Running))
                    return run;
                if (DateTimeOffset.UtcNow > deadline)
                    throw new TimeoutException($"Run {runId} is still {run.Status}.");
            }

            await Task.Delay(50);
        }
    }

    public Task<Features.Orders.Order> WaitForOrderAsync(long orderId, OrderStatus status) => Orders.WaitForStatusAsync(orderId, status, TimeSpan.FromSeconds(90));

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await Api.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await AccessFixtures.JsonAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Orders.DisposeAsync();
    }
}
