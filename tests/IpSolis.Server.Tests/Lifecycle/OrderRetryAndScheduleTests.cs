using System.Net;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Lifecycle;

/// <summary>Scheduled orders start on their date (<c>orders.start_scheduled</c>); an operator retries a failed order from its first step.</summary>
public sealed class OrderRetryAndScheduleTests : IAsyncLifetime
{
    private LifecycleHost _host = null!;

    public async Task InitializeAsync() => _host = await LifecycleHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private DateTimeOffset Tomorrow => OrderDates.StartOfDay(_host.Clock.Now).AddDays(1);

    [Fact]
    public async Task AScheduledOrder_StartsOnItsDate_AndNotBefore()
    {
        var type = await _host.AddTypeAsync("VDI", AssignmentModel.AssignedPersonal);
        var asset = await _host.AddAssetAsync(type.Id, "vdi-001");
        var order = await _host.PlaceAsync(type.Id, "alice@example.com", Tomorrow, Tomorrow.AddDays(10));
        order.Status.Should().Be(OrderStatus.Scheduled);

        await _host.RunJobAsync(ScheduledOrderStart.Kind);
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Scheduled, "its start has not come");

        _host.Clock.Advance(Tomorrow - _host.Clock.Now);
        await _host.RunJobAsync(ScheduledOrderStart.Kind);

        await _host.WaitForAsync(order.Id, OrderStatus.Provisioned);
        (await _host.AssetAsync(asset.Id)).Status.Should().Be(PoolAssetStatus.Busy);
        (await _host.AuditAsync("order.started")).Should().ContainSingle(e => e.EntityId == order.Id.ToString() && e.Actor == "system:orders.start_scheduled");

        await _host.RunJobAsync(ScheduledOrderStart.Kind);
        (await _host.AuditAsync("order.started")).Should().ContainSingle("a started order is not started again");
    }

    [Fact]
    public async Task AFailedOrder_IsRetriedByAnOperator_FromItsFirstStep()
    {
        var type = await _host.AddTypeAsync("Jump host", AssignmentModel.DedicatedShared);
        var sharedId = type.SharedAssetId!.Value;
        var order = await _host.PlaceAsync(type.Id, "alice@example.com", Tomorrow, Tomorrow.AddDays(10));
        // An operator unsets the shared asset before the order starts: its run fails.
        await _host.UpdateAsync(async db =>
        {
            await db.Set<AssetType>().Where(t => t.Id == type.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.SharedAssetId, (long?)null));
            await db.Set<Order>().Where(o => o.Id == order.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.AssignedAssetId, (long?)null));
        });
        _host.Clock.Advance(TimeSpan.FromDays(1));
        await _host.RunJobAsync(ScheduledOrderStart.Kind);
        var failed = await _host.WaitForAsync(order.Id, OrderStatus.Failed);
        failed.ErrorMessage.Should().NotBeNullOrEmpty();
        (await _host.StepsAsync(order.Id)).Should().Contain(s => s.Status == StepStatus.Failed);
        using var api = _host.Api();

        var notYet = await _host.Lifecycle().RetryAsync(order.Id, OrderCaller.Portal(AuditActor.PortalUser("alice@example.com", null), "alice@example.com"), CancellationToken.None);
        notYet.Errors.Single().Code.Should().Be("order.forbidden");

        await _host.UpdateAsync(db => db.Set<AssetType>().Where(t => t.Id == type.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.SharedAssetId, sharedId)));
        var response = await api.PostAsync($"/api/v1/orders/{order.Id}/retry", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await AccessFixtures.JsonAsync(response)).GetProperty("status").GetString().Should().Be("processing");
        var provisioned = await _host.WaitForAsync(order.Id, OrderStatus.Provisioned);
        provisioned.ErrorMessage.Should().BeNull();
        provisioned.AssignedAssetId.Should().Be(sharedId);
        (await _host.StepsAsync(order.Id)).Should().NotContain(s => s.Status == StepStatus.Failed, "the run started again from its first step");
        (await _host.AuditAsync("order.retried")).Should().ContainSingle(e => e.EntityId == order.Id.ToString() && e.Actor == "admin:legacy_key");

        var retryProvisioned = await api.PostAsync($"/api/v1/orders/{order.Id}/retry", null);
        retryProvisioned.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Retry_OfAnOrderOutsideTheOperatorsAssetTypes_IsNotFound()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var other = await _host.AddTypeAsync("Other", AssignmentModel.CapacityPooled);
        var order = await _host.PlaceAsync(type.Id, "alice@example.com", Tomorrow, Tomorrow.AddDays(10));
        await _host.UpdateAsync(db => db.Set<Order>().Where(o => o.Id == order.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.Status, OrderStatus.Failed)));
        var limited = OrderCaller.Administrator(new AuditActor("admin:session:limited:admin"), new AssetTypeScope(new HashSet<long> { other.Id }));

        var result = await _host.Lifecycle().RetryAsync(order.Id, limited, CancellationToken.None);

        result.Errors.Single().Code.Should().Be("order.not_found");
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Failed);
    }
}
