using System.Net;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Lifecycle;

/// <summary>
/// Returning or cancelling: an order that never became active is cancelled at once and its reserved asset freed;
/// an active one becomes revoking and a delete order takes the asset back.
/// </summary>
public sealed class OrderReturnTests : IAsyncLifetime
{
    private LifecycleHost _host = null!;

    public async Task InitializeAsync() => _host = await LifecycleHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateTimeOffset Tomorrow => OrderDates.StartOfDay(_host.Clock.Now).AddDays(1);

    [Fact]
    public async Task Return_OfAScheduledOrder_CancelsItAtOnce_AndFreesTheReservedAsset()
    {
        var type = await _host.AddTypeAsync("VDI", AssignmentModel.AssignedPersonal);
        var asset = await _host.AddAssetAsync(type.Id, "vdi-001");
        var order = await _host.PlaceAsync(type.Id, "alice@example.com", Tomorrow, Tomorrow.AddDays(10));
        order.Status.Should().Be(OrderStatus.Scheduled);
        (await _host.AssetAsync(asset.Id)).Status.Should().Be(PoolAssetStatus.Reserved);
        using var api = _host.Api();

        var response = await api.PostAsync($"/api/v1/orders/{order.Id}/return", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = await AccessFixtures.JsonAsync(response);
        json.GetProperty("id").GetInt64().Should().Be(order.Id);
        json.GetProperty("status").GetString().Should().Be("cancelled");
        json.GetProperty("action").GetString().Should().Be("provision");
        var freed = await _host.AssetAsync(asset.Id);
        freed.Status.Should().Be(PoolAssetStatus.Free);
        freed.CurrentOrderId.Should().BeNull();
        (await _host.ChildrenAsync(order.Id)).Should().BeEmpty("nothing was provisioned, so nothing is deprovisioned");
        var audit = (await _host.AuditAsync("order.cancelled")).Should().ContainSingle().Subject;
        audit.Actor.Should().Be("admin:legacy_key");
        System.Text.Json.JsonDocument.Parse(audit.NewValues!).RootElement.GetProperty("releasedAssetId").GetInt64().Should().Be(asset.Id);
    }

    [Fact]
    public async Task Return_OfAnActiveOrder_RevokesItThroughADeleteOrder_AndTheAssetIsFreeAgain()
    {
        var type = await _host.AddTypeAsync("VDI", AssignmentModel.AssignedPersonal, t => t.AllowRdpUsers = true);
        var asset = await _host.AddAssetAsync(type.Id, "vdi-001");
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30), rdpUsers: ["bob@example.com"]);
        (await _host.AssetAsync(asset.Id)).Status.Should().Be(PoolAssetStatus.Busy);
        using var api = _host.Api();

        var response = await api.PostAsync($"/api/v1/orders/{order.Id}/return", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = await AccessFixtures.JsonAsync(response);
        json.GetProperty("action").GetString().Should().Be("delete");
        json.GetProperty("status").GetString().Should().Be("processing");
        json.GetProperty("parentOrderId").GetInt64().Should().Be(order.Id);
        var deleteId = json.GetProperty("id").GetInt64();
        var delete = await _host.OrderAsync(deleteId);
        delete.ProvisionedStateJson.Should().Be(order.ProvisionedStateJson).And.NotBeNull();
        delete.AssignedAssetId.Should().Be(asset.Id);
        delete.RdpUsers.Should().Equal("bob@example.com");

        await _host.WaitForAsync(deleteId, OrderStatus.Revoked);
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Revoked);
        var freed = await _host.AssetAsync(asset.Id);
        freed.Status.Should().Be(PoolAssetStatus.Free);
        freed.CurrentOrderId.Should().BeNull();
        (await _host.AuditAsync("order.returned")).Should().ContainSingle(e => e.EntityId == order.Id.ToString());

        var again = await api.PostAsync($"/api/v1/orders/{order.Id}/return", null);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await AccessFixtures.JsonAsync(again)).GetProperty("code").GetString().Should().Be("order.transition_not_allowed");
    }

    [Fact]
    public async Task Return_OfAnActiveOrder_WithdrawsAChangeStillWaitingForApproval()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30));
        _host.Reapproval.RequireApproval = true;
        var lifecycle = _host.Lifecycle();
        var change = await lifecycle.ChangeAsync(order.Id, new OrderChange { Until = order.RequestedUntil.AddDays(5) }, LifecycleHost.Operator, CancellationToken.None);
        var requester = OrderCaller.Portal(AuditActor.PortalUser("alice@example.com", null), "alice@example.com");

        var returned = await lifecycle.ReturnAsync(order.Id, requester, CancellationToken.None);

        returned.Succeeded.Should().BeTrue();
        returned.Value.Source.Should().Be("portal");
        (await _host.OrderAsync(change.Value.Id)).Status.Should().Be(OrderStatus.Cancelled);
        await _host.WaitForAsync(returned.Value.Id, OrderStatus.Revoked);
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Revoked);
    }

    [Fact]
    public async Task Return_OfAFailedOrder_CancelsIt_AndFreesTheAsset()
    {
        var type = await _host.AddTypeAsync("VDI", AssignmentModel.AssignedPersonal);
        var asset = await _host.AddAssetAsync(type.Id, "vdi-001");
        var order = await _host.PlaceAsync(type.Id, "alice@example.com", Tomorrow, Tomorrow.AddDays(10));
        // A run that failed after the asset was reserved (no public path fails a built-in run on purpose).
        await _host.UpdateAsync(db => db.Set<Order>().Where(o => o.Id == order.Id)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, OrderStatus.Failed).SetProperty(x => x.ErrorMessage, "Grant access failed")));

        var requester = OrderCaller.Portal(AuditActor.PortalUser("alice@example.com", null), "alice@example.com");
        var result = await _host.Lifecycle().ReturnAsync(order.Id, requester, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        result.Value.Status.Should().Be(OrderStatus.Cancelled);
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Cancelled);
        (await _host.AssetAsync(asset.Id)).Status.Should().Be(PoolAssetStatus.Free);
    }

    [Fact]
    public async Task Return_OfASharedOrder_LeavesTheSharedAssetAlone()
    {
        var type = await _host.AddTypeAsync("Jump host", AssignmentModel.DedicatedShared);
        var scheduled = await _host.PlaceAsync(type.Id, "alice@example.com", Tomorrow, Tomorrow.AddDays(10));
        var before = await _host.AssetAsync(type.SharedAssetId!.Value);

        var result = await _host.Lifecycle().ReturnAsync(scheduled.Id, LifecycleHost.Operator, CancellationToken.None);

        result.Value.Status.Should().Be(OrderStatus.Cancelled);
        var after = await _host.AssetAsync(type.SharedAssetId!.Value);
        after.Status.Should().Be(before.Status);
        after.UpdatedAt.Should().Be(before.UpdatedAt);
    }

    [Fact]
    public async Task Return_OfSomeoneElsesOrder_IsNotFound()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30));
        var stranger = OrderCaller.Portal(AuditActor.PortalUser("mallory@example.com", null), "mallory@example.com");

        var result = await _host.Lifecycle().ReturnAsync(order.Id, stranger, CancellationToken.None);

        result.Errors.Single().Code.Should().Be("order.not_found");
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Provisioned);
    }
}
