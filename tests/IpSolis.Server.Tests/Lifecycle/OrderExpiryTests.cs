using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Features.Orders;

namespace IpSolis.Server.Tests.Lifecycle;

/// <summary>
/// <c>orders.expire</c> ends every active order whose end has passed, whatever backs it — a capacity seat, a
/// personal pool asset, a shared asset (the reference only reclaimed busy pool assets, §11 item 13) — through a
/// delete order on the reclaim queue.
/// </summary>
public sealed class OrderExpiryTests : IAsyncLifetime
{
    private LifecycleHost _host = null!;

    public async Task InitializeAsync() => _host = await LifecycleHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task APooledOrder_Expires_AndItsSeatIsFreeAgain()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled, t => t.PoolCapacity = 1);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(2));

        var (expired, delete) = await ExpireAsync(order);

        delete.AssignedAssetId.Should().BeNull();
        expired.Status.Should().Be(OrderStatus.Expired);
        var counts = await _host.Services.GetRequiredService<OrderCounts>().HoldingByTypeAsync([type.Id], CancellationToken.None);
        counts.Should().NotContainKey(type.Id, "the seat is free for the next order");
        var next = await _host.ProvisionedAsync(type.Id, "bob@example.com", TimeSpan.FromDays(2));
        next.Status.Should().Be(OrderStatus.Provisioned);
    }

    [Fact]
    public async Task APersonalOrder_Expires_AndItsAssetIsFreeAgain()
    {
        var type = await _host.AddTypeAsync("VDI", AssignmentModel.AssignedPersonal);
        var asset = await _host.AddAssetAsync(type.Id, "vdi-001");
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(2));
        (await _host.AssetAsync(asset.Id)).Status.Should().Be(PoolAssetStatus.Busy);

        var (_, delete) = await ExpireAsync(order);

        delete.AssignedAssetId.Should().Be(asset.Id);
        var freed = await _host.AssetAsync(asset.Id);
        freed.Status.Should().Be(PoolAssetStatus.Free);
        freed.CurrentOrderId.Should().BeNull();
        freed.ExpiresAt.Should().BeNull();
    }

    [Fact]
    public async Task ASharedOrder_Expires_AndTheSharedAssetIsLeftAsItIs()
    {
        var type = await _host.AddTypeAsync("Jump host", AssignmentModel.DedicatedShared);
        var sharedId = type.SharedAssetId!.Value;
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(2));
        var other = await _host.ProvisionedAsync(type.Id, "bob@example.com", TimeSpan.FromDays(20));
        var before = await _host.AssetAsync(sharedId);

        var (_, delete) = await ExpireAsync(order);

        delete.AssignedAssetId.Should().Be(sharedId);
        var after = await _host.AssetAsync(sharedId);
        after.Status.Should().Be(before.Status);
        after.CurrentOrderId.Should().Be(before.CurrentOrderId);
        (await _host.OrderAsync(other.Id)).Status.Should().Be(OrderStatus.Provisioned, "the other holder of the shared asset keeps it");
    }

    [Fact]
    public async Task OrdersNotYetDue_AreLeftAlone_AndASecondRunExpiresNothingTwice()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var due = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(2));
        var later = await _host.ProvisionedAsync(type.Id, "bob@example.com", TimeSpan.FromDays(5));
        _host.Clock.Advance(TimeSpan.FromDays(2));

        await _host.RunJobAsync(OrderExpiry.Kind);
        await _host.RunJobAsync(OrderExpiry.Kind);
        await _host.SettleAsync();

        (await _host.OrderAsync(due.Id)).Status.Should().Be(OrderStatus.Expired, "an order expires the moment its end is reached");
        (await _host.ChildrenAsync(due.Id)).Should().ContainSingle();
        (await _host.OrderAsync(later.Id)).Status.Should().Be(OrderStatus.Provisioned);
        (await _host.ChildrenAsync(later.Id)).Should().BeEmpty();
        (await _host.AuditAsync("order.expired")).Should().ContainSingle();
    }

    [Fact]
    public async Task AnExtendedOrder_ExpiresAtItsNewEnd()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(2));
        var change = await _host.Lifecycle().ChangeAsync(order.Id, new OrderChange { Until = order.RequestedUntil.AddDays(3) }, LifecycleHost.Operator, CancellationToken.None);
        await _host.WaitForAsync(change.Value.Id, OrderStatus.Delivered);

        _host.Clock.Advance(TimeSpan.FromDays(3));
        await _host.RunJobAsync(OrderExpiry.Kind);
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Provisioned);

        _host.Clock.Advance(TimeSpan.FromDays(2));
        await _host.RunJobAsync(OrderExpiry.Kind);
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Expired);
    }

    [Fact]
    public async Task ReturnAndExpiry_AtTheSameTime_EndTheOrderOnce()
    {
        var type = await _host.AddTypeAsync("VDI", AssignmentModel.AssignedPersonal);
        var asset = await _host.AddAssetAsync(type.Id, "vdi-001");
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(2));
        _host.Clock.Advance(TimeSpan.FromDays(2));

        var returning = Task.Run(() => _host.Lifecycle().ReturnAsync(order.Id, LifecycleHost.Operator, CancellationToken.None));
        var expiring = Task.Run(() => _host.RunJobAsync(OrderExpiry.Kind));
        await Task.WhenAll(returning, expiring);
        var returned = await returning;
        await _host.SettleAsync();

        var delete = (await _host.ChildrenAsync(order.Id)).Should().ContainSingle("one end, whichever came first").Subject;
        (await _host.WaitForAsync(delete.Id, OrderStatus.Revoked)).Action.Should().Be(OrderAction.Delete);
        var ended = await _host.OrderAsync(order.Id);
        if (returned.Succeeded)
            ended.Status.Should().Be(OrderStatus.Revoked);
        else
        {
            returned.Errors.Single().Code.Should().Be("order.transition_not_allowed");
            ended.Status.Should().Be(OrderStatus.Expired);
        }

        (await _host.AssetAsync(asset.Id)).Status.Should().Be(PoolAssetStatus.Free);
    }

    /// <summary>Moves the clock past the order's end, runs the job, and waits for the delete order to finish.</summary>
    private async Task<(Order Expired, Order Delete)> ExpireAsync(Order order)
    {
        _host.Clock.Advance(order.RequestedUntil - _host.Clock.Now + TimeSpan.FromMinutes(1));
        await _host.RunJobAsync(OrderExpiry.Kind);

        var expired = await _host.OrderAsync(order.Id);
        expired.Status.Should().Be(OrderStatus.Expired);
        expired.CompletedAt.Should().NotBeNull();
        var delete = (await _host.ChildrenAsync(order.Id)).Should().ContainSingle().Subject;
        delete.Action.Should().Be(OrderAction.Delete);
        delete.ProvisionedStateJson.Should().Be(order.ProvisionedStateJson).And.NotBeNull();
        delete.Source.Should().Be("system");
        delete = await _host.WaitForAsync(delete.Id, OrderStatus.Revoked);
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Expired, "an expired order stays expired once its asset is back");
        (await _host.AuditAsync("order.expired")).Should().ContainSingle(e => e.EntityId == order.Id.ToString() && e.Actor == "system:orders.expire");
        return (expired, delete);
    }
}
