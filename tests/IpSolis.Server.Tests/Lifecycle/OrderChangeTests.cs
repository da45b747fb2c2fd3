using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Lifecycle;

/// <summary>
/// Changing an active order: a modify order of its own carries the new values, and the order (and its asset's
/// expiry) changes only when that modify order is delivered — never while it waits for approval (§11 item 20).
/// Extensions respect renewability and the maximum lifetime.
/// </summary>
public sealed class OrderChangeTests : IAsyncLifetime
{
    private LifecycleHost _host = null!;

    public async Task InitializeAsync() => _host = await LifecycleHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Extend_WaitingForApproval_MovesNothing_UntilTheModifyOrderIsDelivered()
    {
        var type = await _host.AddTypeAsync("VDI", AssignmentModel.AssignedPersonal);
        var asset = await _host.AddAssetAsync(type.Id, "vdi-001");
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30));
        (await _host.AssetAsync(asset.Id)).ExpiresAt.Should().Be(order.RequestedUntil);
        var newUntil = order.RequestedUntil.AddDays(30);
        _host.Reapproval.RequireApproval = true;

        var result = await _host.Lifecycle().ChangeAsync(order.Id, new OrderChange { Until = newUntil }, LifecycleHost.Operator, CancellationToken.None);

        result.Succeeded.Should().BeTrue();
        var modify = result.Value;
        modify.Action.Should().Be(OrderAction.Modify);
        modify.Status.Should().Be(OrderStatus.PendingApproval);
        modify.ParentOrderId.Should().Be(order.Id);
        modify.RequestedUntil.Should().Be(newUntil);
        modify.AssignedAssetId.Should().Be(asset.Id);
        var asked = _host.Reapproval.Asked.Should().ContainSingle().Subject;
        asked.Extends.Should().BeTrue();
        asked.AddsUsers.Should().BeFalse();
        asked.ChangesOwner.Should().BeFalse();
        (await _host.OrderAsync(order.Id)).RequestedUntil.Should().Be(order.RequestedUntil, "the order changes only when the change is delivered");
        (await _host.AssetAsync(asset.Id)).ExpiresAt.Should().Be(order.RequestedUntil, "the asset's expiry moves only when the change is delivered");
        (await _host.AuditAsync("order.change_requested")).Should().ContainSingle(e => e.EntityId == modify.Id.ToString());

        // The approvals feature releases an approved change: processing, and its run enqueued.
        await using (var db = await _host.Contexts().CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var pending = await db.Set<Order>().FindAsync(modify.Id);
            pending!.Status = OrderStatus.Processing;
            await _host.Services.GetRequiredService<IJobQueue>().EnqueueAsync(db, OrderRunner.Request(pending));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        await _host.WaitForAsync(modify.Id, OrderStatus.Delivered);
        (await _host.OrderAsync(order.Id)).RequestedUntil.Should().Be(newUntil);
        (await _host.AssetAsync(asset.Id)).ExpiresAt.Should().Be(newUntil);
    }

    [Fact]
    public async Task Change_ThroughTheApi_ReturnsTheModifyOrder_AndIsAppliedWhenDelivered()
    {
        var type = await _host.AddTypeAsync("Jump host", AssignmentModel.DedicatedShared, t => t.AllowRdpUsers = true);
        var order = await _host.ProvisionedAsync(type.Id, "bob@example.com", TimeSpan.FromDays(10), rdpUsers: ["carol@example.com"]);
        using var api = _host.Api();

        var response = await api.PostAsJsonAsync($"/api/v1/orders/{order.Id}/change", new
        {
            until = order.RequestedUntil.AddDays(5).ToString("O"),
            rdpUsers = new[] { "Carol@example.com", "dave@example.com" },
            ownerEmail = "erin@example.com",
        });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var json = await AccessFixtures.JsonAsync(response);
        json.GetProperty("action").GetString().Should().Be("modify");
        json.GetProperty("status").GetString().Should().Be("processing");
        json.GetProperty("parentOrderId").GetInt64().Should().Be(order.Id);
        json.GetProperty("ownerEmail").GetString().Should().Be("erin@example.com");
        var modifyId = json.GetProperty("id").GetInt64();
        _host.Reapproval.Asked.Should().ContainSingle().Which.AddsUsers.Should().BeTrue();

        await _host.WaitForAsync(modifyId, OrderStatus.Delivered);
        var changed = await _host.OrderAsync(order.Id);
        changed.RequestedUntil.Should().Be(order.RequestedUntil.AddDays(5));
        changed.RdpUsers.Should().Equal("carol@example.com", "dave@example.com");
        changed.OwnerEmail.Should().Be("erin@example.com");
        changed.Status.Should().Be(OrderStatus.Provisioned);
    }

    [Fact]
    public async Task Extend_BeyondTheMaximumLifetime_IsRefused_NamingTheLatestEnd_AndChangesNothing()
    {
        var type = await _host.AddTypeAsync("Laptop", AssignmentModel.CapacityPooled, t => t.MaximumLifetimeDays = 60);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30));
        using var api = _host.Api();

        var response = await api.PostAsJsonAsync($"/api/v1/orders/{order.Id}/change", new { until = order.RequestedFrom.AddDays(61).ToString("O") });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await AccessFixtures.JsonAsync(response);
        problem.GetProperty("code").GetString().Should().Be("order.beyond_maximum_lifetime");
        problem.GetProperty("errors").GetProperty("until")[0].GetString().Should().Contain(order.RequestedFrom.AddDays(60).ToString("yyyy-MM-dd"));
        (await _host.ChildrenAsync(order.Id)).Should().BeEmpty();
        (await _host.OrderAsync(order.Id)).RequestedUntil.Should().Be(order.RequestedUntil);

        var upToTheMaximum = await _host.Lifecycle().ChangeAsync(order.Id, new OrderChange { Until = order.RequestedFrom.AddDays(60) }, LifecycleHost.Operator, CancellationToken.None);
        upToTheMaximum.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task ANonRenewableType_CannotBeExtended_ButCanBeShortened()
    {
        var type = await _host.AddTypeAsync("Licence", AssignmentModel.AssignedPersonal, t => t.Renewable = false);
        var asset = await _host.AddAssetAsync(type.Id, "lic-001");
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30));
        var lifecycle = _host.Lifecycle();

        var extended = await lifecycle.ChangeAsync(order.Id, new OrderChange { Until = order.RequestedUntil.AddDays(1) }, LifecycleHost.Operator, CancellationToken.None);
        extended.Errors.Should().ContainSingle().Which.Code.Should().Be("order.not_renewable");
        (await _host.ChildrenAsync(order.Id)).Should().BeEmpty();

        var shorter = order.RequestedUntil.AddDays(-10);
        var shortened = await lifecycle.ChangeAsync(order.Id, new OrderChange { Until = shorter }, LifecycleHost.Operator, CancellationToken.None);
        shortened.Succeeded.Should().BeTrue();
        await _host.WaitForAsync(shortened.Value.Id, OrderStatus.Delivered);
        (await _host.OrderAsync(order.Id)).RequestedUntil.Should().Be(shorter);
        (await _host.AssetAsync(asset.Id)).ExpiresAt.Should().Be(shorter);
    }

    [Fact]
    public async Task ASecondChange_WhileOneIsOpen_IsAConflict()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30));
        _host.Reapproval.RequireApproval = true;
        var first = await _host.Lifecycle().ChangeAsync(order.Id, new OrderChange { Until = order.RequestedUntil.AddDays(1) }, LifecycleHost.Operator, CancellationToken.None);
        first.Succeeded.Should().BeTrue();
        using var api = _host.Api();

        var second = await api.PostAsJsonAsync($"/api/v1/orders/{order.Id}/change", new { until = order.RequestedUntil.AddDays(2).ToString("O") });

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await AccessFixtures.JsonAsync(second)).GetProperty("code").GetString().Should().Be("order.change_in_progress");
        (await _host.ChildrenAsync(order.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task ParallelChanges_OfOneOrder_OpenExactlyOneModifyOrder()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30));
        _host.Reapproval.RequireApproval = true;

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() =>
            _host.Lifecycle().ChangeAsync(order.Id, new OrderChange { Until = order.RequestedUntil.AddDays(i) }, LifecycleHost.Operator, CancellationToken.None))));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Where(r => !r.Succeeded).Should().OnlyContain(r => r.Errors[0].Code == "order.change_in_progress");
        (await _host.ChildrenAsync(order.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task OnlyTheRequesterOrAnAdministrator_ChangesTheOwner()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30), owner: "olga@example.com");
        var lifecycle = _host.Lifecycle();
        var owner = OrderCaller.Portal(AuditActor.PortalUser("olga@example.com", null), "olga@example.com");
        var requester = OrderCaller.Portal(AuditActor.PortalUser("alice@example.com", null), "Alice@example.com");

        var byOwner = await lifecycle.ChangeAsync(order.Id, new OrderChange { OwnerEmail = "mallory@example.com" }, owner, CancellationToken.None);
        byOwner.Errors.Should().ContainSingle().Which.Code.Should().Be("order.owner_change_forbidden");

        // The owner may still extend (and keep themselves as owner, as a form sends every field).
        var extendedByOwner = await lifecycle.ChangeAsync(order.Id, new OrderChange { Until = order.RequestedUntil.AddDays(3), OwnerEmail = "olga@example.com" }, owner, CancellationToken.None);
        extendedByOwner.Succeeded.Should().BeTrue();
        extendedByOwner.Value.OwnerEmail.Should().Be("olga@example.com");
        extendedByOwner.Value.Source.Should().Be("portal");
        await _host.WaitForAsync(extendedByOwner.Value.Id, OrderStatus.Delivered);

        var byRequester = await lifecycle.ChangeAsync(order.Id, new OrderChange { OwnerEmail = "" }, requester, CancellationToken.None);
        byRequester.Succeeded.Should().BeTrue();
        await _host.WaitForAsync(byRequester.Value.Id, OrderStatus.Delivered);
        (await _host.OrderAsync(order.Id)).OwnerEmail.Should().BeNull();
    }

    [Fact]
    public async Task ListsTheTypeDoesNotOffer_AndEmptyChanges_AreRefused()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30));
        var lifecycle = _host.Lifecycle();

        var lists = await lifecycle.ChangeAsync(order.Id, new OrderChange { RdpUsers = ["bob@example.com"], AdminUsers = ["carol@example.com"] }, LifecycleHost.Operator, CancellationToken.None);
        lists.Errors.Select(e => (e.Code, e.Field)).Should().BeEquivalentTo([("order.list_not_allowed", "rdpUsers"), ("order.list_not_allowed", "adminUsers")]);

        var nothing = await lifecycle.ChangeAsync(order.Id, new OrderChange { Until = order.RequestedUntil, RdpUsers = [] }, LifecycleHost.Operator, CancellationToken.None);
        nothing.Errors.Should().ContainSingle().Which.Code.Should().Be("order.nothing_to_change");

        var past = await lifecycle.ChangeAsync(order.Id, new OrderChange { Until = _host.Clock.Now.AddMinutes(-1) }, LifecycleHost.Operator, CancellationToken.None);
        past.Errors.Should().ContainSingle().Which.Code.Should().Be("order.until_not_in_future");

        var requesterAsOwner = await lifecycle.ChangeAsync(order.Id, new OrderChange { OwnerEmail = "ALICE@example.com" }, LifecycleHost.Operator, CancellationToken.None);
        requesterAsOwner.Errors.Should().ContainSingle().Which.Code.Should().Be("order.owner_is_requester");
        (await _host.ChildrenAsync(order.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task AnOrderOutsideTheCallersReach_IsNotFound_AndAnInactiveOneCannotBeChanged()
    {
        var type = await _host.AddTypeAsync("App access", AssignmentModel.CapacityPooled);
        var other = await _host.AddTypeAsync("Other", AssignmentModel.CapacityPooled);
        var order = await _host.ProvisionedAsync(type.Id, "alice@example.com", TimeSpan.FromDays(30));
        var lifecycle = _host.Lifecycle();
        var change = new OrderChange { Until = order.RequestedUntil.AddDays(1) };

        var stranger = OrderCaller.Portal(AuditActor.PortalUser("mallory@example.com", null), "mallory@example.com");
        (await lifecycle.ChangeAsync(order.Id, change, stranger, CancellationToken.None)).Errors.Single().Code.Should().Be("order.not_found");
        var limitedAdmin = OrderCaller.Administrator(new AuditActor("admin:session:limited:admin"), new AssetTypeScope(new HashSet<long> { other.Id }));
        (await lifecycle.ChangeAsync(order.Id, change, limitedAdmin, CancellationToken.None)).Errors.Single().Code.Should().Be("order.not_found");
        (await lifecycle.ChangeAsync(order.Id + 1000, change, LifecycleHost.Operator, CancellationToken.None)).Errors.Single().Code.Should().Be("order.not_found");

        var returned = await lifecycle.ReturnAsync(order.Id, LifecycleHost.Operator, CancellationToken.None);
        returned.Succeeded.Should().BeTrue();
        (await lifecycle.ChangeAsync(order.Id, change, LifecycleHost.Operator, CancellationToken.None)).Errors.Single().Code.Should().Be("order.transition_not_allowed");
        (await lifecycle.ChangeAsync(returned.Value.Id, change, LifecycleHost.Operator, CancellationToken.None)).Errors.Single().Code.Should().Be("order.transition_not_allowed");
    }
}
