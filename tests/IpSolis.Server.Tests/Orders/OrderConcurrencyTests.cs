using System.Net;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;

namespace IpSolis.Server.Tests.Orders;

/// <summary>
/// Placement is race-free on the provider under test (run the suite on SQLite and on PostgreSQL): parallel orders
/// never take one asset twice, never overshoot a person's quota or a pooled capacity.
/// </summary>
public sealed class OrderConcurrencyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private OrderHost _host = null!;

    public async Task InitializeAsync() => _host = await OrderHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Place_200ParallelOrdersFor50FreeAssets_Reserves50AndRefuses150()
    {
        var type = await _host.AddTypeAsync("Race VDI");
        await _host.AddAssetsAsync(type.Id, 50, "RACE");

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            _host.PlaceAsync(OrderHost.Body(type.Id, $"user{i}@example.com", Now, Now.AddDays(1)))));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(50, string.Join("\n", bodies.Distinct().Take(5)));
        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        refused.Should().HaveCount(150).And.OnlyContain(r => r.StatusCode == HttpStatusCode.Conflict,
            string.Join("\n", bodies.Where(b => !b.Contains("order.none_available", StringComparison.Ordinal)
                && !b.Contains("\"status\":\"", StringComparison.Ordinal)).Distinct().Take(5)));
        foreach (var response in refused)
            (await OrderHost.JsonAsync(response)).GetProperty("code").GetString().Should().Be("order.none_available");

        var orders = await _host.QueryAsync(db => db.Set<Order>().Where(o => o.AssetTypeId == type.Id));
        orders.Should().HaveCount(50);
        orders.Select(o => o.AssignedAssetId).Should().OnlyHaveUniqueItems().And.NotContainNulls();
        var assets = await _host.QueryAsync(db => db.Set<PoolAsset>().Where(a => a.AssetTypeId == type.Id));
        assets.Should().OnlyContain(a => a.CurrentOrderId != null && (a.Status == PoolAssetStatus.Reserved || a.Status == PoolAssetStatus.Busy));
        assets.Select(a => a.CurrentOrderId).Should().OnlyHaveUniqueItems();
        assets.Select(a => a.Id).Should().BeEquivalentTo(orders.Select(o => o.AssignedAssetId!.Value), "each order holds the asset that points back at it");

        foreach (var order in orders)
            await _host.WaitForStatusAsync(order.Id, OrderStatus.Provisioned, TimeSpan.FromSeconds(60));
        (await _host.QueryAsync(db => db.Set<PoolAsset>().Where(a => a.AssetTypeId == type.Id && a.Status == PoolAssetStatus.Busy)))
            .Should().HaveCount(50);
    }

    [Fact]
    public async Task Place_50ParallelOrdersByOnePersonWithLimit3_Accepts3()
    {
        var type = await _host.AddTypeAsync("Limited VDI", t => t.MaxPerUser = 3);
        await _host.AddAssetsAsync(type.Id, 60, "LIMIT");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            _host.PlaceAsync(OrderHost.Body(type.Id, "greedy@example.com", Now, Now.AddDays(1)))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(3);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await OrderHost.JsonAsync(response)).GetProperty("code").GetString().Should().Be("order.quota_reached");
        }

        (await _host.QueryAsync(db => db.Set<Order>().Where(o => o.AssetTypeId == type.Id))).Should().HaveCount(3);
        (await _host.QueryAsync(db => db.Set<PoolAsset>().Where(a => a.AssetTypeId == type.Id && a.CurrentOrderId != null))).Should().HaveCount(3);
    }

    [Fact]
    public async Task Place_ParallelOrdersAgainstAPooledCapacity_NeverOvershoot()
    {
        var type = await _host.AddTypeAsync("Race seats", t =>
        {
            t.AssignmentModel = AssignmentModel.CapacityPooled;
            t.PoolCapacity = 10;
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            _host.PlaceAsync(OrderHost.Body(type.Id, $"seat{i}@example.com", Now, Now.AddDays(1)))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(10);
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            (await OrderHost.JsonAsync(response)).GetProperty("code").GetString().Should().Be("order.capacity_reached");
    }
}
