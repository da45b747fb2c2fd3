using System.Globalization;
using System.Net;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Portal;

/// <summary>My IT: what a person holds and what is on its way; extend, change and return through the lifecycle.</summary>
public sealed class PortalMyItTests : IAsyncLifetime
{
    private PortalHost _host = null!;
    private AssetType _vdi = null!;

    public async Task InitializeAsync()
    {
        _host = await PortalHost.StartAsync();
        _vdi = await _host.AddTypeAsync("VDI Standard", t =>
        {
            t.MaximumLifetimeDays = 60;
            t.AllowRdpUsers = true;
        });
        await _host.AddAssetsAsync(_vdi.Id, 3, "VDI");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static string Day(int daysFromToday) =>
        DateTimeOffset.UtcNow.AddDays(daysFromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Orders through the portal form as the browser's person; waits until it is provisioned when it starts today.</summary>
    private async Task<Order> OrderAsync(ConsoleClient browser, int startIn = 0, int days = 10, string? owner = null)
    {
        var fields = new Dictionary<string, string> { ["from"] = Day(startIn), ["until"] = Day(startIn + days) };
        if (owner is not null)
            fields["ownerEmail"] = owner;
        var (response, _) = await browser.SubmitAsync($"/portal/orders/new?type={_vdi.Id}", "order", fields);
        var id = PortalHost.PlacedOrderId(response);
        return startIn == 0 ? await _host.WaitForStatusAsync(id, OrderStatus.Provisioned) : await _host.OrderAsync(id);
    }

    [Fact]
    public async Task MyIt_ListsAssetsInUseWithTheirExpiry_AndThoseOnTheirWaySeparately()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var live = await OrderAsync(browser, days: 12);
        var later = await OrderAsync(browser, startIn: 3);
        later.Status.Should().Be(OrderStatus.Scheduled);
        var asset = await _host.AssetAsync(live.AssignedAssetId!.Value);

        var (response, page) = await browser.GetPageAsync("/portal/my-it");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var inUse = page.QuerySelectorAll("section[aria-labelledby='my-it-active'] .my-it-item").ToList();
        inUse.Should().ContainSingle();
        inUse[0].QuerySelector(".my-it-name")!.TextContent.Should().Be(asset.Name);
        inUse[0].QuerySelector(".my-it-expiry")!.TextContent.Should().Contain("in 12 days");
        var onTheWay = page.QuerySelectorAll("section[aria-labelledby='my-it-pending'] .my-it-item").ToList();
        onTheWay.Should().ContainSingle().Which.QuerySelector(".order-status-scheduled").Should().NotBeNull();
    }

    [Fact]
    public async Task MyIt_WithNothingHeld_PointsToTheCatalog()
    {
        using var browser = await _host.SignInAsync(PortalHost.Ben);

        var (_, page) = await browser.GetPageAsync("/portal/my-it");

        page.QuerySelector(".empty-state-title")!.TextContent.Should().Be("Nothing assigned to you yet");
        page.QuerySelector(".empty-state a[href='/portal/catalog']").Should().NotBeNull();
    }

    [Fact]
    public async Task Extending_RequestsAChange_ThatMovesTheEndWhenDelivered()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var order = await OrderAsync(browser);

        var (response, _) = await browser.SubmitAsync($"/portal/my-it/{order.Id}", "extend", new Dictionary<string, string> { ["until"] = Day(40) });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var target = ConsoleClient.RedirectTarget(response);
        target.Should().StartWith($"/portal/my-it/{order.Id}?done=change&order=");
        var changeId = long.Parse(target[(target.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture);
        var change = await _host.WaitForStatusAsync(changeId, OrderStatus.Delivered);
        change.Action.Should().Be(OrderAction.Modify);
        change.PlacedBy.Should().Be("portal:user:" + PortalHost.Anna);
        (await _host.OrderAsync(order.Id)).RequestedUntil.Should().Be(OrderDates.StartOfDay(DateTimeOffset.UtcNow).AddDays(40));
        var (_, page) = await browser.GetPageAsync(target);
        page.QuerySelector(".alert-success")!.TextContent.Should().Contain("Your change was requested").And.Contain($"Order #{changeId}");
    }

    [Fact]
    public async Task Extending_PastTheMaximumLifetime_ShowsTheErrorAtTheDate_With422()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var order = await OrderAsync(browser);

        var (response, page) = await browser.SubmitAsync($"/portal/my-it/{order.Id}", "extend", new Dictionary<string, string> { ["until"] = Day(100) });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        page.QuerySelector("#my-it-until-error").Should().NotBeNull();
        page.QuerySelector("#my-it-until")!.GetAttribute("value").Should().Be(Day(100));
        (await _host.QueryAsync(db => db.Set<Order>().Where(o => o.ParentOrderId == order.Id))).Should().BeEmpty();
    }

    [Fact]
    public async Task Changing_TheOwnerIsOfferedToTheRequesterOnly()
    {
        using var anna = await _host.SignInAsync(PortalHost.Anna);
        var order = await OrderAsync(anna, owner: PortalHost.Ben);
        using var ben = await _host.SignInAsync(PortalHost.Ben);

        var (_, asOwner) = await ben.GetPageAsync($"/portal/my-it/{order.Id}");
        var (_, asRequester) = await anna.GetPageAsync($"/portal/my-it/{order.Id}");

        ConsoleClient.FindForm(asOwner, "change")!.QuerySelector("input[name='ownerEmail']").Should().BeNull();
        ConsoleClient.FindForm(asRequester, "change")!.QuerySelector("input[name='ownerEmail']")!.GetAttribute("value").Should().Be(PortalHost.Ben);

        // Ben changes the RDP list; a forged owner field is not read for him.
        var (response, _) = await ben.SubmitAsync($"/portal/my-it/{order.Id}", "change", new Dictionary<string, string>
        {
            ["rdpUsers"] = "carla.m@example.com",
            ["ownerEmail"] = "",
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var target = ConsoleClient.RedirectTarget(response);
        var change = await _host.WaitForStatusAsync(long.Parse(target[(target.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture), OrderStatus.Delivered);
        change.OwnerEmail.Should().Be(PortalHost.Ben);
        change.RdpUsers.Should().Equal("carla.m@example.com");
    }

    [Fact]
    public async Task Returning_NeedsTheConfirmation_ThenTakesTheAssetBack()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var order = await OrderAsync(browser);
        var assetId = order.AssignedAssetId!.Value;

        var (unconfirmed, page) = await browser.SubmitAsync($"/portal/my-it/{order.Id}", "return", new Dictionary<string, string>());
        unconfirmed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        page.QuerySelector("#my-it-confirm-error")!.TextContent.Should().Be("Tick the box to confirm.");
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Provisioned);

        var (response, _) = await browser.SubmitAsync($"/portal/my-it/{order.Id}", "return", new Dictionary<string, string> { ["confirm"] = "yes" });

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(response).Should().StartWith($"/portal/my-it/{order.Id}?done=return&order=");
        await _host.WaitForStatusAsync(order.Id, OrderStatus.Revoked);
        (await _host.AssetAsync(assetId)).Status.Should().Be(PoolAssetStatus.Free);
        var (_, after) = await browser.GetPageAsync("/portal/my-it");
        after.QuerySelectorAll(".my-it-item").Should().BeEmpty();
    }

    [Fact]
    public async Task Cancelling_AScheduledOrder_FreesItsAsset()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var order = await OrderAsync(browser, startIn: 2);
        var assetId = order.AssignedAssetId!.Value;
        (await _host.AssetAsync(assetId)).Status.Should().Be(PoolAssetStatus.Reserved);
        var (_, page) = await browser.GetPageAsync($"/portal/my-it/{order.Id}");
        ConsoleClient.FindForm(page, "extend").Should().BeNull("only a live order is extended");

        var (response, _) = await browser.SubmitAsync($"/portal/my-it/{order.Id}", "return", new Dictionary<string, string> { ["confirm"] = "yes" });

        ConsoleClient.RedirectTarget(response).Should().Be($"/portal/my-it/{order.Id}?done=cancel&order={order.Id}");
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Cancelled);
        (await _host.AssetAsync(assetId)).Status.Should().Be(PoolAssetStatus.Free);
    }

    [Fact]
    public async Task MyItForms_WithoutTheAntiforgeryToken_AreRefused()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var order = await OrderAsync(browser);

        var (response, _) = await browser.PostAsync($"/portal/my-it/{order.Id}", [new("_handler", "return"), new("confirm", "yes")]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _host.OrderAsync(order.Id)).Status.Should().Be(OrderStatus.Provisioned);
    }
}
