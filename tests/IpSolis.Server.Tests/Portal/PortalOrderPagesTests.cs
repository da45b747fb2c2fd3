using System.Net;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Portal;

/// <summary>"My orders" and the order page: only the person's own orders, a timeline, the step log as the type allows.</summary>
public sealed class PortalOrderPagesTests : IAsyncLifetime
{
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task MyOrders_ListsWhatThePersonRequestedOrOwns_NewestFirst_WithAnOlderLink()
    {
        var vdi = await _host.AddTypeAsync("VDI Standard");
        var mine = new List<long>();
        for (var i = 0; i < 26; i++)
            mine.Add((await _host.AddOrderAsync(vdi, PortalHost.Anna, OrderStatus.Provisioned)).Id);
        var owned = await _host.AddOrderAsync(vdi, PortalHost.Ben, OrderStatus.PendingApproval, o => o.OwnerEmail = PortalHost.Anna);
        var others = await _host.AddOrderAsync(vdi, PortalHost.Ben, OrderStatus.Failed);
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (response, first) = await browser.GetPageAsync("/portal/orders");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var ids = OrderIds(first);
        ids.Should().HaveCount(25).And.BeInDescendingOrder();
        ids[0].Should().Be(owned.Id, "an order the person owns is theirs too");
        ids.Should().NotContain(others.Id);
        first.QuerySelector("tr:first-child .order-status-pending_approval")!.TextContent.Should().Be("Awaiting approval");
        var older = first.QuerySelector(".portal-pager a[rel='next']")!.GetAttribute("href")!;
        older.Should().Be($"/portal/orders?before={ids[^1]}");
        var (_, second) = await browser.GetPageAsync(older);
        OrderIds(second).Should().Equal(mine.Take(2).Reverse());
        second.QuerySelector(".portal-pager a[rel='next']").Should().BeNull();
    }

    [Fact]
    public async Task MyOrders_WithNothingOrdered_PointsToTheCatalog()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (_, page) = await browser.GetPageAsync("/portal/orders");

        page.QuerySelector(".empty-state-title")!.TextContent.Should().Be("No orders yet");
        page.QuerySelector(".empty-state a[href='/portal/catalog']").Should().NotBeNull();
    }

    [Fact]
    public async Task AnotherPersonsOrder_IsNotFound_LikeAMissingOne()
    {
        var vdi = await _host.AddTypeAsync("VDI Standard");
        var bens = await _host.AddOrderAsync(vdi, PortalHost.Ben, OrderStatus.Provisioned);
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (response, page) = await browser.GetPageAsync($"/portal/orders/{bens.Id}");
        var (missing, _) = await browser.GetPageAsync("/portal/orders/987654");
        var (myIt, _) = await browser.GetPageAsync($"/portal/my-it/{bens.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        myIt.StatusCode.Should().Be(HttpStatusCode.NotFound);
        page.QuerySelector("h1")!.TextContent.Should().Be("Page not found");
        page.Body!.TextContent.Should().NotContain("VDI Standard");
    }

    [Fact]
    public async Task TheOrderPage_ShowsTheOrderItsHistory_AndNoStepsWhenTheTypeHidesThem()
    {
        var vdi = await _host.AddTypeAsync("VDI Standard", t =>
        {
            t.MonthlyCost = 30.4375m;
            t.Currency = "EUR";
            t.Attributes = [new AttributeDefinition("size", "Size", AttributeType.Enum) { Options = ["S", "L"] }];
        });
        var asset = (await _host.AddAssetsAsync(vdi.Id, 1, "VDI"))[0];
        var order = await _host.AddOrderAsync(vdi, PortalHost.Anna, OrderStatus.Provisioned, o =>
        {
            o.AssignedAssetId = asset.Id;
            o.AttributesJson = """{"size":"L"}""";
            o.RequestedUntil = o.RequestedFrom.AddDays(10);
        });
        var started = DateTimeOffset.UtcNow.AddMinutes(-5);
        await _host.AddStepsAsync(order.Id,
            new OrderStep { Position = 1, Code = "reserve_asset", Name = "Reserve asset", Status = StepStatus.Succeeded, StartedAt = started, FinishedAt = started.AddSeconds(1), Output = "VDI-001" });
        var change = await _host.AddOrderAsync(vdi, PortalHost.Anna, OrderStatus.Processing, o =>
        {
            o.Action = OrderAction.Modify;
            o.ParentOrderId = order.Id;
        });
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (response, page) = await browser.GetPageAsync($"/portal/orders/{order.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be("VDI Standard");
        page.QuerySelector(".order-banner")!.TextContent.Should().Contain("Ready to use until");
        var facts = page.QuerySelector(".portal-facts")!.TextContent;
        facts.Should().Contain("VDI-001").And.Contain("Size").And.Contain("L").And.Contain("30.44 EUR per month").And.Contain("about 10.00 EUR");
        var timeline = page.QuerySelectorAll(".order-timeline li").Select(li => li.TextContent.Trim()).ToList();
        timeline.Should().Contain(t => t.EndsWith("Ordered")).And.Contain(t => t.EndsWith("Setup started")).And.Contain(t => t.EndsWith("Ready"))
            .And.Contain(t => t.Contains("Change requested") && t.Contains($"Order #{change.Id}"));
        page.QuerySelector("[data-card='order-steps']").Should().BeNull("the type's step visibility is off");
        page.QuerySelector("a[href='/portal/my-it/" + order.Id + "']").Should().NotBeNull();
    }

    [Theory]
    [InlineData(StepVisibility.Detailed, false)]
    [InlineData(StepVisibility.Debug, true)]
    public async Task TheStepLog_ShowsNamesAndStatus_AndOutputOnlyForDebug(StepVisibility visibility, bool showsOutput)
    {
        var vdi = await _host.AddTypeAsync("VDI " + visibility, t => t.StepVisibility = visibility);
        var order = await _host.AddOrderAsync(vdi, PortalHost.Anna, OrderStatus.Failed, o => o.ErrorMessage = "Mark asset busy failed: hypervisor said no");
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        await _host.AddStepsAsync(order.Id,
            new OrderStep { Position = 1, Code = "reserve_asset", Name = "Reserve asset", Status = StepStatus.Succeeded, StartedAt = at, FinishedAt = at.AddSeconds(2), Output = "reserved VDI-7" },
            new OrderStep { Position = 2, Code = "mark_busy", Name = "Mark asset busy", Status = StepStatus.Failed, StartedAt = at.AddSeconds(2), FinishedAt = at.AddSeconds(3), Error = "hypervisor said no" });
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (_, page) = await browser.GetPageAsync($"/portal/orders/{order.Id}");

        var rows = page.QuerySelectorAll(".order-steps tbody tr").ToList();
        rows.Should().HaveCount(2);
        rows[0].TextContent.Should().Contain("Reserve asset").And.Contain("Done");
        rows[1].TextContent.Should().Contain("Mark asset busy").And.Contain("Failed");
        page.Body!.TextContent.Contains("reserved VDI-7").Should().Be(showsOutput);
        page.Body.TextContent.Contains("hypervisor said no").Should().Be(showsOutput);
        (page.QuerySelector(".step-failed") is not null).Should().Be(!showsOutput, "detailed visibility says a step failed in general words");
        page.QuerySelector(".order-banner")!.TextContent.Should().Contain("Something went wrong");
    }

    private static List<long> OrderIds(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("table.portal-orders tbody tr td:first-child a").Select(a => long.Parse(a.TextContent.TrimStart('#'), System.Globalization.CultureInfo.InvariantCulture))];
}
