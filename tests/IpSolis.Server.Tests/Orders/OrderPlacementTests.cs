using System.Net;
using System.Text.Json;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Orders;

/// <summary>Placing orders through the API: routing, the provision run on the real workers, quota, capacity, reading and listing.</summary>
public sealed class OrderPlacementTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private OrderHost _host = null!;

    public async Task InitializeAsync() => _host = await OrderHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task Place_StartingToday_IsProvisionedByTheWorker()
    {
        var type = await _host.AddTypeAsync("VDI", t => t.Attributes = [new AttributeDefinition("os", "OS", AttributeType.Enum) { Options = ["win11", "ubuntu"], Classification = Classification.Pii }]);
        var assets = await _host.AddAssetsAsync(type.Id, 3, "VDI");
        var until = Now.AddDays(14);

        var response = await _host.PlaceAsync(OrderHost.Body(type.Id, "Ann@Example.com", Now, until, new { os = "ubuntu" }));

        var json = await CreatedAsync(response);
        var id = json.GetProperty("id").GetInt64();
        response.Headers.Location!.ToString().Should().Be($"/api/v1/orders/{id}");
        json.GetProperty("status").GetString().Should().Be("processing");
        json.GetProperty("action").GetString().Should().Be("provision");
        json.GetProperty("requesterEmail").GetString().Should().Be("ann@example.com");
        json.GetProperty("assignedAsset").GetProperty("name").GetString().Should().Be("VDI-0001");
        json.GetProperty("attributes").GetProperty("os").GetString().Should().Be("ubuntu");

        var order = await _host.WaitForStatusAsync(id, OrderStatus.Provisioned);
        order.CompletedAt.Should().BeNull("a provisioned order is live, not finished");
        var asset = await _host.AssetAsync(assets[0].Id);
        asset.Status.Should().Be(PoolAssetStatus.Busy);
        asset.CurrentOrderId.Should().Be(id);
        asset.ExpiresAt.Should().BeCloseTo(until, TimeSpan.FromMilliseconds(1));
        var state = ProvisionedState.FromJson(order.ProvisionedStateJson)!;
        state.AssetId.Should().Be(asset.Id);
        state.AssetName.Should().Be("VDI-0001");
        state.DeprovisionPolicy.Should().Be(DeprovisionPolicy.ReturnToPool);

        var detail = await OrderHost.JsonAsync(await _host.Api.GetAsync($"/api/v1/orders/{id}"));
        detail.GetProperty("status").GetString().Should().Be("provisioned");
        var steps = detail.GetProperty("steps").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("code").GetString()).Should().Equal("reserve_asset", "mark_busy", "set_expiry", "record_provisioned_state");
        steps[0].GetProperty("status").GetString().Should().Be("skipped", "the asset was reserved when the order was placed");
        steps.Skip(1).Should().OnlyContain(s => s.GetProperty("status").GetString() == "succeeded");
        steps.Should().OnlyContain(s => s.GetProperty("startedAt").ValueKind != JsonValueKind.Null && s.GetProperty("finishedAt").ValueKind != JsonValueKind.Null);

        var audit = await AccessFixtures.AuditAsync(_host.Factory);
        var placed = audit.Single(a => a.Action == "order.placed");
        placed.EntityId.Should().Be(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        placed.Classification.Should().Be("pii", "the type's strictest attribute is PII");
        placed.Actor.Should().StartWith("token:");
        audit.Should().ContainSingle(a => a.Action == "order.provisioned" && a.Actor == "system:orders.run");
    }

    [Fact]
    public async Task Place_StartingOnALaterDay_IsScheduledWithItsAssetReserved()
    {
        var type = await _host.AddTypeAsync("Laptop");
        var assets = await _host.AddAssetsAsync(type.Id, 1, "LAP");
        var from = OrderDates.StartOfDay(Now).AddDays(2);

        var json = await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "bob@example.com", from, from.AddDays(5))));

        json.GetProperty("status").GetString().Should().Be("scheduled");
        var asset = await _host.AssetAsync(assets[0].Id);
        asset.Status.Should().Be(PoolAssetStatus.Reserved);
        asset.CurrentOrderId.Should().Be(json.GetProperty("id").GetInt64());
        (await _host.QueryAsync(db => db.Set<Platform.Jobs.Job>().Where(j => j.Kind == OrderRunner.Kind))).Should().BeEmpty("it starts on its date");
    }

    [Fact]
    public async Task Place_NoFreeAsset_IsAClearConflict()
    {
        var type = await _host.AddTypeAsync("Scarce VDI");
        await _host.AddAssetsAsync(type.Id, 1, "SCARCE");
        await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "a@example.com", Now, Now.AddDays(1))));

        var response = await _host.PlaceAsync(OrderHost.Body(type.Id, "b@example.com", Now, Now.AddDays(1)));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await OrderHost.JsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("order.none_available");
        problem.GetProperty("title").GetString().Should().Contain("Scarce VDI");
        (await _host.QueryAsync(db => db.Set<Order>())).Should().ContainSingle();
    }

    [Fact]
    public async Task Place_QuotaReached_SaysWhatUsesIt()
    {
        var type = await _host.AddTypeAsync("Quota VDI", t => t.MaxPerUser = 2);
        await _host.AddAssetsAsync(type.Id, 5, "QUOTA");
        await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "q@example.com", Now, Now.AddDays(1))));
        var later = OrderDates.StartOfDay(Now).AddDays(3);
        await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "Q@example.com", later, later.AddDays(1))));

        var response = await _host.PlaceAsync(OrderHost.Body(type.Id, "q@example.com", Now, Now.AddDays(1)));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var problem = await OrderHost.JsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("order.quota_reached");
        problem.GetProperty("title").GetString().Should().Contain("2 orders").And.Contain("in progress");
        (await _host.PlaceAsync(OrderHost.Body(type.Id, "other@example.com", Now, Now.AddDays(1)))).StatusCode.Should().Be(HttpStatusCode.Created, "the quota is per person");
    }

    [Fact]
    public async Task Place_PooledCapacityReached_IsAClearConflict()
    {
        var type = await _host.AddTypeAsync("RDS seats", t =>
        {
            t.AssignmentModel = AssignmentModel.CapacityPooled;
            t.PersonalProvisioningStrategy = null;
            t.PoolCapacity = 2;
            t.DeprovisionPolicy = DeprovisionPolicy.AccessOnly;
        });
        var first = await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "a@example.com", Now, Now.AddDays(1))));
        await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "b@example.com", Now, Now.AddDays(1))));

        var response = await _host.PlaceAsync(OrderHost.Body(type.Id, "c@example.com", Now, Now.AddDays(1)));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await OrderHost.JsonAsync(response)).GetProperty("code").GetString().Should().Be("order.capacity_reached");
        first.TryGetProperty("assignedAsset", out var asset).Should().BeTrue();
        asset.ValueKind.Should().Be(JsonValueKind.Null, "a pooled seat is no asset");
        var provisioned = await _host.WaitForStatusAsync(first.GetProperty("id").GetInt64(), OrderStatus.Provisioned);
        ProvisionedState.FromJson(provisioned.ProvisionedStateJson)!.AssignmentModel.Should().Be(AssignmentModel.CapacityPooled);
        var counts = await _host.Services.GetRequiredService<OrderCounts>().HoldingByTypeAsync([type.Id], default);
        counts[type.Id].Should().Be(2);
    }

    [Fact]
    public async Task Place_SharedType_PointsEveryOrderAtTheSharedAsset()
    {
        var type = await _host.AddTypeAsync("Jump host", t =>
        {
            t.AssignmentModel = AssignmentModel.DedicatedShared;
            t.PersonalProvisioningStrategy = null;
            t.DeprovisionPolicy = DeprovisionPolicy.AccessOnly;
        });
        var shared = (await _host.AddAssetsAsync(type.Id, 1, "JUMP"))[0];
        await using (var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync())
        {
            await db.Set<AssetType>().Where(t => t.Id == type.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.SharedAssetId, shared.Id));
        }

        var one = await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "a@example.com", Now, Now.AddDays(1))));
        var two = await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "b@example.com", Now, Now.AddDays(1))));

        one.GetProperty("assignedAsset").GetProperty("id").GetInt64().Should().Be(shared.Id);
        two.GetProperty("assignedAsset").GetProperty("id").GetInt64().Should().Be(shared.Id);
        await _host.WaitForStatusAsync(two.GetProperty("id").GetInt64(), OrderStatus.Provisioned);
        (await _host.AssetAsync(shared.Id)).Status.Should().Be(PoolAssetStatus.Free, "a shared asset is never depleted");
    }

    [Fact]
    public async Task Place_CreateNewStrategy_CreatesANamedAsset()
    {
        var type = await _host.AddTypeAsync("Cloud VM", t =>
        {
            t.PersonalProvisioningStrategy = PersonalProvisioningStrategy.CreateNew;
            t.NamingPattern = "VM-{sam}";
        });
        await using (var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync())
        {
            db.Add(new Features.Directory.DirectoryPerson { Email = "jane@example.com", Username = "jdoe", DisplayName = "Jane Doe", Department = "R&D", CreatedAt = Now, UpdatedAt = Now });
            await db.SaveChangesAsync();
        }

        var first = await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "jane@example.com", Now, Now.AddDays(1))));
        var second = await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "jane@example.com", Now, Now.AddDays(1))));

        first.GetProperty("assignedAsset").GetProperty("name").GetString().Should().Be("VM-jdoe");
        second.GetProperty("assignedAsset").GetProperty("name").GetString().Should().Be("VM-jdoe-2");
        first.GetProperty("requesterName").GetString().Should().Be("Jane Doe");
        first.GetProperty("requesterDepartment").GetString().Should().Be("R&D");
        var order = await _host.WaitForStatusAsync(first.GetProperty("id").GetInt64(), OrderStatus.Provisioned);
        (await _host.AssetAsync(order.AssignedAssetId!.Value)).Status.Should().Be(PoolAssetStatus.Busy);
    }

    [Fact]
    public async Task Get_ListAndFilters_PageNewestFirst()
    {
        var type = await _host.AddTypeAsync("Listed", t => t.AssignmentModel = AssignmentModel.CapacityPooled);
        var other = await _host.AddTypeAsync("Other", t => t.AssignmentModel = AssignmentModel.CapacityPooled);
        var later = OrderDates.StartOfDay(Now).AddDays(2);
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
            ids.Add((await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, $"p{i}@example.com", later, later.AddDays(1))))).GetProperty("id").GetInt64());
        await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(other.Id, "p0@example.com", later, later.AddDays(1))));

        var first = await OrderHost.JsonAsync(await _host.Api.GetAsync($"/api/v1/orders?assetTypeId={type.Id}&limit=2"));
        first.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()).Should().Equal(ids[4], ids[3]);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await OrderHost.JsonAsync(await _host.Api.GetAsync($"/api/v1/orders?assetTypeId={type.Id}&limit=2&cursor={cursor}"));
        second.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()).Should().Equal(ids[2], ids[1]);
        var last = await OrderHost.JsonAsync(await _host.Api.GetAsync($"/api/v1/orders?assetTypeId={type.Id}&limit=2&cursor={second.GetProperty("nextCursor").GetString()}"));
        last.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()).Should().Equal(ids[0]);
        last.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);

        var byRequester = await OrderHost.JsonAsync(await _host.Api.GetAsync("/api/v1/orders?requester=P0@example.com&status=scheduled"));
        byRequester.GetProperty("items").GetArrayLength().Should().Be(2);
        var none = await OrderHost.JsonAsync(await _host.Api.GetAsync("/api/v1/orders?status=provisioned"));
        none.GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Theory]
    [InlineData("status=sleeping", "status")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("limit=500", "limit")]
    [InlineData("limit=0", "limit")]
    public async Task List_BadQuery_NamesTheParameter(string query, string field)
    {
        var response = await _host.Api.GetAsync($"/api/v1/orders?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OrderHost.JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Get_MissingOrOutOfScope_IsNotFound()
    {
        (await _host.Api.GetAsync("/api/v1/orders/424242")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var type = await _host.AddTypeAsync("Hidden", t => t.AssignmentModel = AssignmentModel.CapacityPooled);
        var visible = await _host.AddTypeAsync("Visible", t => t.AssignmentModel = AssignmentModel.CapacityPooled);
        var order = await CreatedAsync(await _host.PlaceAsync(OrderHost.Body(type.Id, "a@example.com", Now, Now.AddDays(1))));
        var limited = await AccessFixtures.AddUserAsync(_host.Factory, "scoped-admin", Domain.Access.AdminRole.Admin);
        await using (var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync())
        {
            db.Add(new Platform.Security.AdminUserGrant { AdminUserId = limited.Id, AssetTypeId = visible.Id, CreatedAt = Now, CreatedBy = "test" });
            await db.SaveChangesAsync();
        }

        var (_, token) = await AccessFixtures.AddTokenAsync(_host.Factory, limited, Domain.Access.AdminRole.Admin, ["orders:read"]);
        using var client = AccessFixtures.ApiClient(_host.Factory, token);

        (await client.GetAsync($"/api/v1/orders/{order.GetProperty("id").GetInt64()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var list = await OrderHost.JsonAsync(await client.GetAsync("/api/v1/orders"));
        list.GetProperty("items").GetArrayLength().Should().Be(0, "orders of types outside the grants are not listed");
    }

    [Fact]
    public async Task Place_DirectoryDown_FailsClosed()
    {
        await using var host = await OrderHost.StartAsync(services =>
            services.AddSingleton<Features.Directory.IPersonDirectory, UnavailableDirectory>());
        var type = await host.AddTypeAsync("Gated", t => t.EligibleGroup = "Staff");
        await host.AddAssetsAsync(type.Id, 1, "DOWN");

        var response = await host.PlaceAsync(OrderHost.Body(type.Id, "a@example.com", Now, Now.AddDays(1)));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await OrderHost.JsonAsync(response)).GetProperty("code").GetString().Should().Be("order.directory_unavailable");
        (await host.QueryAsync(db => db.Set<Order>())).Should().BeEmpty();
    }

    private sealed class UnavailableDirectory : Features.Directory.IPersonDirectory
    {
        public Task<Features.Directory.DirectoryEntry?> FindPersonAsync(string emailOrUsername, CancellationToken cancellationToken) =>
            throw new Features.Directory.DirectoryUnavailableException("LDAP server did not answer");

        public Task<bool> IsMemberAsync(string email, string group, CancellationToken cancellationToken) =>
            throw new Features.Directory.DirectoryUnavailableException("LDAP server did not answer");

        public Task<Features.Directory.DirectoryEntry?> FindManagerAsync(string email, CancellationToken cancellationToken) =>
            throw new Features.Directory.DirectoryUnavailableException("LDAP server did not answer");

        public Task<IReadOnlyList<Features.Directory.DirectoryEntry>> DirectReportsAsync(string email, CancellationToken cancellationToken) =>
            throw new Features.Directory.DirectoryUnavailableException("LDAP server did not answer");
    }
}
