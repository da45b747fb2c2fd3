using IpSolis.Domain.AccessTargets;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.AccessTargets;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Tests.PersonDirectory;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.AccessTargets;

/// <summary>Group-access targets against the local directory: grant, change, end, two orders, repeated and crashed runs.</summary>
public sealed class GroupAccessTargetsTests : IAsyncLifetime
{
    private const string Ann = "ann@example.com";
    private const string Bob = "bob@example.com";
    private const string Carl = "carl@example.com";
    private const string Dora = "dora@example.com";
    private const string VdiTemplate = "CN=VDI-{asset_name}-Users,OU=Groups,DC=example,DC=com";
    private const string Crm = "crm-users";

    private AccessTargetsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await AccessTargetsHost.StartAsync();
        foreach (var (email, name) in new[] { (Ann, "Ann"), (Bob, "Bob"), (Carl, "Carl"), (Dora, "Dora") })
            await DirectoryFixtures.AddPersonAsync(_host.Factory, email, name, username: name.ToLowerInvariant());
        await DirectoryFixtures.AddGroupAsync(_host.Factory, Crm);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(AssetType Type, string AssetName)> CompositeTypeAsync(string name, int assets = 1)
    {
        var type = await _host.AddTypeAsync(name, AutomationStrategy.Composite,
            new GroupTarget(VdiTemplate, PrincipalSource.Requester, CreateIfMissing: true),
            new GroupTarget(Crm, PrincipalSource.RdpUsers));
        var added = await _host.Orders.AddAssetsAsync(type.Id, assets, name.ToUpperInvariant()[..3]);
        return (type, added[0].Name);
    }

    private static string Vdi(string asset) => VdiTemplate.Replace("{asset_name}", asset, StringComparison.Ordinal);

    [Fact]
    public async Task Provision_GrantsEveryTargetToItsPeople_CreatingAMissingGroup_AndAppendsOneGrantRowEach()
    {
        var (type, asset) = await CompositeTypeAsync("Desk");
        var order = await _host.AddProvisionAsync(type, Ann, rdpUsers: [Bob, "carl"]);

        (await _host.RunAsync(order)).Should().Be(OrderStatus.Provisioned);

        (await _host.LocalMembersAsync(Vdi(asset))).Should().Equal(Ann);
        (await _host.LocalMembersAsync(Crm)).Should().Equal(Bob, Carl);
        var ledger = await _host.LedgerAsync();
        ledger.Select(r => (r.OrderId, r.RunOrderId, r.Principal, r.Action, r.Outcome)).Should().Equal(
            (order, order, Ann, AccessAction.Grant, "added"),
            (order, order, Bob, AccessAction.Grant, "added"),
            (order, order, "carl", AccessAction.Grant, "added"));
        ledger[0].GroupDn.Should().Be(Vdi(asset));
        ledger.Select(r => r.IdempotencyKey).Should().OnlyHaveUniqueItems();
        var steps = await _host.StepsAsync(order);
        steps.Where(s => s.Code.StartsWith("grant_access_", StringComparison.Ordinal)).Select(s => (s.Code, s.Status)).Should().Equal(
            ("grant_access_1", StepStatus.Succeeded), ("grant_access_2", StepStatus.Succeeded));
        steps.Single(s => s.Code == "grant_access_1").Name.Should().Be("Grant access to " + VdiTemplate);
        steps.Single(s => s.Code == "reserve_asset").Position.Should().BeLessThan(steps.Single(s => s.Code == "grant_access_1").Position);
    }

    [Fact]
    public async Task Provision_OfARunbookOnlyType_LeavesTheDirectoryAlone()
    {
        var type = await _host.AddTypeAsync("Scripted", AutomationStrategy.RunbookOnly, new GroupTarget(Crm, PrincipalSource.Requester));
        await _host.Orders.AddAssetsAsync(type.Id, 1, "SCR");
        var order = await _host.AddProvisionAsync(type, Ann);

        (await _host.RunAsync(order)).Should().Be(OrderStatus.Provisioned);

        (await _host.LocalMembersAsync(Crm)).Should().BeEmpty();
        (await _host.LedgerAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Provision_ForSomeoneNotInTheDirectory_FailsTheOrder_AndGrantsNothing()
    {
        var (type, asset) = await CompositeTypeAsync("Ghost");
        var order = await _host.AddProvisionAsync(type, Ann, rdpUsers: ["nobody@example.com"]);

        (await _host.RunAsync(order)).Should().Be(OrderStatus.Failed);

        (await _host.Orders.OrderAsync(order)).ErrorMessage.Should().Contain("nobody@example.com").And.Contain(Crm);
        // The local directory changes in the run's transaction: the first target's grant rolled back with it.
        (await _host.LocalMembersAsync(Vdi(asset))).Should().BeEmpty();
        (await _host.LedgerAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Change_AddsAndRemovesExactlyTheDifferences_AndNeverRewritesARow()
    {
        var (type, asset) = await CompositeTypeAsync("Changed");
        var order = await _host.AddProvisionAsync(type, Ann, rdpUsers: [Bob, Carl]);
        await _host.RunAsync(order);
        var before = await _host.LedgerAsync();

        var change = await _host.AddFollowUpAsync(order, OrderAction.Modify, rdpUsers: [Carl, Dora]);
        (await _host.RunAsync(change)).Should().Be(OrderStatus.Delivered);

        (await _host.LocalMembersAsync(Crm)).Should().Equal(Carl, Dora);
        (await _host.LocalMembersAsync(Vdi(asset))).Should().Equal(Ann);
        var after = await _host.LedgerAsync();
        after.Take(before.Count).Should().BeEquivalentTo(before, o => o.WithStrictOrdering());
        after.Skip(before.Count).Select(r => (r.OrderId, r.RunOrderId, r.Principal, r.Action, r.Outcome)).Should().Equal(
            (order, change, Dora, AccessAction.Grant, "added"),
            (order, change, Bob, AccessAction.Revoke, "removed"));
        (await _host.StepsAsync(change)).Single(s => s.Code == "update_access").Status.Should().Be(StepStatus.Succeeded);

        // A change that changes no people changes no access.
        var extension = await _host.AddFollowUpAsync(order, OrderAction.Modify);
        await _host.RunAsync(extension);
        (await _host.LedgerAsync()).Should().HaveCount(after.Count);
        (await _host.StepsAsync(extension)).Single(s => s.Code == "update_access").Status.Should().Be(StepStatus.Skipped);
    }

    [Fact]
    public async Task End_RevokesWhatTheOrderHolds_AndTheHistoryStays()
    {
        var (type, asset) = await CompositeTypeAsync("Ended");
        var order = await _host.AddProvisionAsync(type, Ann, rdpUsers: [Bob]);
        await _host.RunAsync(order);

        var end = await _host.AddFollowUpAsync(order, OrderAction.Delete);
        (await _host.RunAsync(end)).Should().Be(OrderStatus.Revoked);

        (await _host.LocalMembersAsync(Vdi(asset))).Should().BeEmpty();
        (await _host.LocalMembersAsync(Crm)).Should().BeEmpty();
        var ledger = await _host.LedgerAsync();
        ledger.Select(r => (r.Principal, r.Action, r.RunOrderId)).Should().Equal(
            (Ann, AccessAction.Grant, order), (Bob, AccessAction.Grant, order),
            (Ann, AccessAction.Revoke, end), (Bob, AccessAction.Revoke, end));
        ledger.Should().OnlyContain(r => r.OrderId == order);
        AccessLedger.HeldBy(ledger.Select(r => r.ToEntry()), order).Should().BeEmpty();
    }

    [Fact]
    public async Task End_AfterTheTypeLostItsTargets_StillRevokesWhatTheOrderWasGranted()
    {
        var (type, _) = await CompositeTypeAsync("Retargeted");
        var order = await _host.AddProvisionAsync(type, Ann, rdpUsers: [Bob]);
        await _host.RunAsync(order);
        await using (var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync())
            await db.Set<Server.Features.Catalog.AssetType>().Where(t => t.Id == type.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.GroupTargetsJson, "[]"));

        var end = await _host.AddFollowUpAsync(order, OrderAction.Delete);
        await _host.RunAsync(end);

        (await _host.LocalMembersAsync(Crm)).Should().BeEmpty();
        (await _host.LedgerAsync()).Count(r => r.Action == AccessAction.Revoke).Should().Be(2);
    }

    [Fact]
    public async Task TwoOrders_GivingTheSamePersonTheSameGroup_EndingOneLeavesTheOthersAccess()
    {
        var type = await _host.AddTypeAsync("Shared CRM", AutomationStrategy.GroupOnly, new GroupTarget(Crm, PrincipalSource.Requester));
        await _host.Orders.AddAssetsAsync(type.Id, 2, "CRM");
        var first = await _host.AddProvisionAsync(type, Ann);
        var second = await _host.AddProvisionAsync(type, Ann);
        await _host.RunAsync(first);
        await _host.RunAsync(second);
        (await _host.LedgerAsync()).Select(r => r.Outcome).Should().Equal("added", "already a member");

        var endFirst = await _host.AddFollowUpAsync(first, OrderAction.Delete);
        (await _host.RunAsync(endFirst)).Should().Be(OrderStatus.Revoked);

        (await _host.LocalMembersAsync(Crm)).Should().Equal(Ann);
        var revoke = (await _host.LedgerAsync()).Last();
        (revoke.OrderId, revoke.Action, revoke.Outcome).Should().Be((first, AccessAction.Revoke, $"kept: order {second} still grants it"));

        var endSecond = await _host.AddFollowUpAsync(second, OrderAction.Delete);
        await _host.RunAsync(endSecond);

        (await _host.LocalMembersAsync(Crm)).Should().BeEmpty();
        (await _host.LedgerAsync()).Last().Should().Match<AccessLedgerRow>(r => r.OrderId == second && r.Action == AccessAction.Revoke && r.Outcome == "removed");
    }

    [Fact]
    public async Task Run_ExecutedTwice_GrantsOnce()
    {
        var (type, _) = await CompositeTypeAsync("Twice");
        var order = await _host.AddProvisionAsync(type, Ann, rdpUsers: [Bob]);

        await Task.WhenAll(_host.RunAsync(order), _host.RunAsync(order));
        await _host.RunAsync(order);

        (await _host.LedgerAsync()).Should().HaveCount(2);
        (await _host.LocalMembersAsync(Crm)).Should().Equal(Bob);
    }

    [Fact]
    public async Task Run_ThatDiesBeforeItsCommit_IsRunAgain_AndGrantsOnce()
    {
        var (type, asset) = await CompositeTypeAsync("Crashed");
        var order = await _host.AddProvisionAsync(type, Ann, rdpUsers: [Bob]);
        _host.Crash.Arm();

        var crashed = async () => await _host.RunAsync(order);
        await crashed.Should().ThrowAsync<OperationCanceledException>();
        (await _host.Orders.OrderAsync(order)).Status.Should().Be(OrderStatus.Processing);
        (await _host.LedgerAsync()).Should().BeEmpty();

        (await _host.RunAsync(order)).Should().Be(OrderStatus.Provisioned);

        (await _host.LedgerAsync()).Select(r => (r.Principal, r.Action)).Should().Equal((Ann, AccessAction.Grant), (Bob, AccessAction.Grant));
        (await _host.LocalMembersAsync(Vdi(asset))).Should().Equal(Ann);
    }

    [Fact]
    public async Task LedgerApi_ShowsAnOrdersRows_AndWhatAPersonHolds()
    {
        var (type, asset) = await CompositeTypeAsync("Listed");
        var order = await _host.AddProvisionAsync(type, Ann, rdpUsers: [Bob]);
        await _host.RunAsync(order);

        using var rows = await _host.Orders.Api.GetAsync($"/api/v1/orders/{order}/access");
        var json = await AccessFixtures.JsonAsync(rows);
        rows.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, json.ToString());
        json.EnumerateArray().Select(r => (r.GetProperty("principal").GetString(), r.GetProperty("action").GetString())).Should().Equal((Ann, "grant"), (Bob, "grant"));

        using var search = await _host.Orders.Api.GetAsync($"/api/v1/access?principal={Uri.EscapeDataString("ANN@example.com")}");
        var held = (await AccessFixtures.JsonAsync(search)).GetProperty("held").EnumerateArray().ToList();
        held.Select(h => (h.GetProperty("groupDn").GetString(), h.GetProperty("orderId").GetInt64())).Should().Equal((Vdi(asset).ToLowerInvariant(), order));

        using var missing = await _host.Orders.Api.GetAsync("/api/v1/orders/987654321/access");
        missing.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        using var unfiltered = await _host.Orders.Api.GetAsync("/api/v1/access");
        unfiltered.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
    }
}
