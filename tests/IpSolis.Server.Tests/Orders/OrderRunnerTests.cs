using System.Net;
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

/// <summary>The <c>orders.run</c> job: built-in provision, change and end steps, failures, repeats, and force release.</summary>
public sealed class OrderRunnerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private OrderHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await OrderHost.StartAsync(services => services.AddSingleton<IOrderStepSource, FailingStepForSomeRequesters>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Order> ProvisionedAsync(AssetType type, string requester = "ann@example.com")
    {
        var response = await _host.PlaceAsync(OrderHost.Body(type.Id, requester, Now, Now.AddDays(10)));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await OrderHost.JsonAsync(response)).GetProperty("id").GetInt64();
        return await _host.WaitForStatusAsync(id, OrderStatus.Provisioned);
    }

    /// <summary>What the lifecycle does on a return: the parent is revoking, a delete order copies its state.</summary>
    private async Task<long> AddEndAsync(Order parent, OrderStatus parentStatus = OrderStatus.Revoking, OrderAction action = OrderAction.Delete, Action<Order>? change = null)
    {
        await using var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync();
        await db.Set<Order>().Where(o => o.Id == parent.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, parentStatus));
        var order = new Order
        {
            AssetTypeId = parent.AssetTypeId,
            Action = action,
            Status = OrderStatus.Processing,
            ParentOrderId = parent.Id,
            RequesterEmail = parent.RequesterEmail,
            PlacedBy = "system:test",
            Source = "system",
            RequestedFrom = Now,
            RequestedUntil = parent.RequestedUntil,
            RdpUsersJson = parent.RdpUsersJson,
            AdminUsersJson = parent.AdminUsersJson,
            OwnerEmail = parent.OwnerEmail,
            AssignedAssetId = parent.AssignedAssetId,
            ProvisionedStateJson = parent.ProvisionedStateJson,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        change?.Invoke(order);
        db.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    private async Task<OrderStatus?> RunAsync(long orderId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrderRunner>().RunOrderAsync(orderId, default);
    }

    private Task<List<OrderStep>> StepsAsync(long orderId) =>
        _host.QueryAsync(db => db.Set<OrderStep>().Where(s => s.OrderId == orderId).OrderBy(s => s.Position));

    [Fact]
    public async Task Delete_ReturnToPool_FreesTheAssetAndRevokesBothOrders()
    {
        var type = await _host.AddTypeAsync("Returnable");
        var asset = (await _host.AddAssetsAsync(type.Id, 1, "RET"))[0];
        var parent = await ProvisionedAsync(type);
        var end = await AddEndAsync(parent);

        (await RunAsync(end)).Should().Be(OrderStatus.Revoked);

        (await _host.OrderAsync(parent.Id)).Status.Should().Be(OrderStatus.Revoked);
        (await _host.OrderAsync(end)).CompletedAt.Should().NotBeNull();
        var freed = await _host.AssetAsync(asset.Id);
        freed.Status.Should().Be(PoolAssetStatus.Free);
        freed.CurrentOrderId.Should().BeNull();
        freed.ExpiresAt.Should().BeNull();
        freed.LastReleasedAt.Should().NotBeNull();
        (await StepsAsync(end)).Select(s => (s.Code, s.Status)).Should().Equal(("release_asset", StepStatus.Succeeded), ("revoke_order", StepStatus.Succeeded));
    }

    [Fact]
    public async Task Delete_ReinstallPolicy_SendsTheAssetToReinstall()
    {
        var type = await _host.AddTypeAsync("Reinstalled", t => t.DeprovisionPolicy = DeprovisionPolicy.ReturnToPoolReinstall);
        var asset = (await _host.AddAssetsAsync(type.Id, 1, "REI"))[0];
        var parent = await ProvisionedAsync(type);
        // The type changes after provisioning: the end follows what was provisioned.
        await using (var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync())
            await db.Set<AssetType>().Where(t => t.Id == type.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.DeprovisionPolicy, DeprovisionPolicy.AccessOnly));
        var end = await AddEndAsync(parent);

        await RunAsync(end);

        (await _host.AssetAsync(asset.Id)).Status.Should().Be(PoolAssetStatus.Reinstall);
    }

    [Fact]
    public async Task Delete_OfAnExpiredOrder_LeavesItExpired()
    {
        var type = await _host.AddTypeAsync("Expiring");
        var asset = (await _host.AddAssetsAsync(type.Id, 1, "EXP"))[0];
        var parent = await ProvisionedAsync(type);
        var end = await AddEndAsync(parent, OrderStatus.Expired);

        (await RunAsync(end)).Should().Be(OrderStatus.Revoked);

        (await _host.OrderAsync(parent.Id)).Status.Should().Be(OrderStatus.Expired);
        (await _host.AssetAsync(asset.Id)).Status.Should().Be(PoolAssetStatus.Free);
        (await StepsAsync(end))[1].Status.Should().Be(StepStatus.Skipped);
    }

    [Fact]
    public async Task Delete_OfAPooledOrder_HasNoAssetToRelease()
    {
        var type = await _host.AddTypeAsync("Pooled end", t => t.AssignmentModel = AssignmentModel.CapacityPooled);
        var parent = await ProvisionedAsync(type);
        var end = await AddEndAsync(parent);

        (await RunAsync(end)).Should().Be(OrderStatus.Revoked);

        (await StepsAsync(end))[0].Status.Should().Be(StepStatus.Skipped);
        (await _host.OrderAsync(parent.Id)).Status.Should().Be(OrderStatus.Revoked);
        (await _host.Services.GetRequiredService<OrderCounts>().HoldingByTypeAsync([type.Id], default)).Should().NotContainKey(type.Id);
    }

    [Fact]
    public async Task Modify_AppliesTheChangeToItsOrderAndAsset()
    {
        var type = await _host.AddTypeAsync("Changeable", t => t.AllowRdpUsers = true);
        var asset = (await _host.AddAssetsAsync(type.Id, 1, "CHG"))[0];
        var parent = await ProvisionedAsync(type);
        var newUntil = parent.RequestedUntil.AddDays(5);
        var change = await AddEndAsync(parent, OrderStatus.Provisioned, OrderAction.Modify, o =>
        {
            o.RequestedUntil = newUntil;
            o.RdpUsers = ["bob@example.com"];
            o.OwnerEmail = "carol@example.com";
        });

        (await RunAsync(change)).Should().Be(OrderStatus.Delivered);

        var changed = await _host.OrderAsync(parent.Id);
        changed.Status.Should().Be(OrderStatus.Provisioned);
        changed.RequestedUntil.Should().Be(newUntil);
        changed.RdpUsers.Should().Equal("bob@example.com");
        changed.OwnerEmail.Should().Be("carol@example.com");
        (await _host.AssetAsync(asset.Id)).ExpiresAt.Should().Be(newUntil);
        (await StepsAsync(change)).Single().Output.Should().Contain("RDP users: bob@example.com").And.Contain("owner: carol@example.com");
    }

    [Fact]
    public async Task FailingStep_FailsTheOrderAndUndoesTheRun()
    {
        var type = await _host.AddTypeAsync("Fragile");
        var asset = (await _host.AddAssetsAsync(type.Id, 1, "FRA"))[0];
        var response = await _host.PlaceAsync(OrderHost.Body(type.Id, FailingStepForSomeRequesters.Requester, Now, Now.AddDays(1)));
        var id = (await OrderHost.JsonAsync(response)).GetProperty("id").GetInt64();

        var order = await _host.WaitForStatusAsync(id, OrderStatus.Failed);

        order.ErrorMessage.Should().Be("Grant access failed: the directory refused the change");
        var steps = await StepsAsync(id);
        steps.Select(s => (s.Code, s.Status)).Should().Equal(
            ("reserve_asset", StepStatus.Skipped), ("grant_access", StepStatus.Failed),
            ("mark_busy", StepStatus.Pending), ("set_expiry", StepStatus.Pending), ("record_provisioned_state", StepStatus.Pending));
        steps[1].Error.Should().Be("the directory refused the change");
        var held = await _host.AssetAsync(asset.Id);
        held.Status.Should().Be(PoolAssetStatus.Reserved, "the failed run changed nothing; the order still holds its asset for a retry");
        held.CurrentOrderId.Should().Be(id);
        (await AccessFixtures.AuditAsync(_host.Factory)).Should().ContainSingle(a => a.Action == "order.failed" && a.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RunningTwice_ChangesNothingTheSecondTime()
    {
        var type = await _host.AddTypeAsync("Twice");
        await _host.AddAssetsAsync(type.Id, 1, "TWI");
        var order = await ProvisionedAsync(type);
        var stepsBefore = await StepsAsync(order.Id);
        var auditBefore = (await AccessFixtures.AuditAsync(_host.Factory)).Count;

        (await RunAsync(order.Id)).Should().Be(OrderStatus.Provisioned);

        (await StepsAsync(order.Id)).Select(s => (s.Id, s.Status, s.FinishedAt)).Should().Equal(stepsBefore.Select(s => (s.Id, s.Status, s.FinishedAt)));
        (await AccessFixtures.AuditAsync(_host.Factory)).Should().HaveCount(auditBefore);
        (await RunAsync(987654)).Should().BeNull();
    }

    [Fact]
    public async Task Retry_ReusesTheStepRowsInPlace()
    {
        var type = await _host.AddTypeAsync("Retried");
        await _host.AddAssetsAsync(type.Id, 1, "RTY");
        var response = await _host.PlaceAsync(OrderHost.Body(type.Id, FailingStepForSomeRequesters.Requester, Now, Now.AddDays(1)));
        var id = (await OrderHost.JsonAsync(response)).GetProperty("id").GetInt64();
        await _host.WaitForStatusAsync(id, OrderStatus.Failed);
        var rowIds = (await StepsAsync(id)).Select(s => s.Id).ToList();
        await using (var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync())
        {
            // An operator's retry after fixing the cause: the test source lets it through now.
            await db.Set<Order>().Where(o => o.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(o => o.Status, OrderStatus.Processing).SetProperty(o => o.RequesterEmail, "fixed@example.com"));
        }

        (await RunAsync(id)).Should().Be(OrderStatus.Provisioned);

        var steps = await StepsAsync(id);
        steps.Select(s => s.Id).Should().Equal(rowIds.Take(4), "rows are updated in place by position; the one left over is removed");
        steps.Should().OnlyContain(s => s.Status == StepStatus.Succeeded || s.Status == StepStatus.Skipped);
        steps.Select(s => s.Position).Should().Equal(1, 2, 3, 4);
    }

    [Theory]
    [InlineData(OrderStatus.Provisioned, OrderStatus.Revoked)]
    [InlineData(OrderStatus.Scheduled, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.PendingApproval, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Failed, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Processing, OrderStatus.Failed)]
    [InlineData(OrderStatus.Revoking, OrderStatus.Revoked)]
    public async Task ForceRelease_EndsTheHoldingOrder(OrderStatus status, OrderStatus ended)
    {
        var type = await _host.AddTypeAsync("Forced", t => t.AssignmentModel = AssignmentModel.CapacityPooled);
        var parent = await ProvisionedAsync(type);
        await using var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync();
        await db.Set<Order>().Where(o => o.Id == parent.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, status));
        var actor = new AuditActor("admin:session:ops:admin");

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var result = await _host.Services.GetRequiredService<OrderHolds>().EndForForcedReleaseAsync(db, parent.Id, actor, default);
            result.Succeeded.Should().BeTrue();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var order = await _host.OrderAsync(parent.Id);
        order.Status.Should().Be(ended);
        order.ErrorMessage.Should().Be("Asset force-released by admin:session:ops:admin");
        (await AccessFixtures.AuditAsync(_host.Factory)).Should().ContainSingle(a => a.Action == "order.ended_by_force_release" && a.Actor == actor.Id);
    }

    [Fact]
    public async Task ForceRelease_OfAFinalOrder_ChangesNothing()
    {
        var type = await _host.AddTypeAsync("Final", t => t.AssignmentModel = AssignmentModel.CapacityPooled);
        var parent = await ProvisionedAsync(type);
        await using var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync();
        await db.Set<Order>().Where(o => o.Id == parent.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OrderStatus.Expired));

        var result = await _host.Services.GetRequiredService<OrderHolds>().EndForForcedReleaseAsync(db, parent.Id, AuditActor.System("test"), default);

        result.Value.Status.Should().Be(OrderStatus.Expired);
        db.ChangeTracker.HasChanges().Should().BeFalse();
        (await _host.Services.GetRequiredService<OrderHolds>().EndForForcedReleaseAsync(db, 424242, AuditActor.System("test"), default))
            .Errors.Single().Code.Should().Be("order.not_found");
    }

    /// <summary>A step source like the runbooks feature will add: fails the grant for one requester.</summary>
    private sealed class FailingStepForSomeRequesters : IOrderStepSource
    {
        public const string Requester = "fail@example.com";

        public IEnumerable<OrderRunStep> StepsFor(OrderRun run)
        {
            if (run.Order.Action == OrderAction.Provision && run.Order.RequesterEmail == Requester)
                yield return new OrderRunStep("grant_access", "Grant access", OrderRunStep.Act, (_, _) => Task.FromResult(OrderStepOutcome.Failed("the directory refused the change")));
        }
    }
}
