using System.Net;
using AngleSharp.Html.Dom;
using IpSolis.Domain.Access;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.AdminOrders;

/// <summary>The admin order page: what it shows, and that ids outside the caller's reach are plain 404s.</summary>
public sealed class OrderDetailTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        await AccessFixtures.AddUserAsync(_factory, "desk", AdminRole.Helpdesk);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Detail_ShowsFactsAssetAttributesListsRelatedOrdersStepsApprovalsAndAuditTrail()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI", configure: t => t.AllowRdpUsers = true);
        var asset = (await AdminOrderRows.AddAssetsAsync(_factory, type, PoolAssetStatus.Busy, 1))[0];
        var order = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Provisioned, "ada@example.com", configure: o =>
        {
            o.AssignedAssetId = asset.Id;
            o.OwnerEmail = "bob@example.com";
            o.AttributesJson = """{"size":"large","cores":4}""";
            o.RdpUsers = ["carol@example.com", "dave"];
            o.Justification = "Quarter-end <b>close</b>";
        });
        var change = await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Delivered, "ada@example.com", OrderAction.Modify, configure: o => o.ParentOrderId = order.Id);
        await AdminOrderRows.AddStepAsync(_factory, order, 1, "reserve_asset", StepStatus.Succeeded, output: "Reserved " + asset.Name);
        await AdminOrderRows.AddStepAsync(_factory, order, 2, "mark_busy", StepStatus.Failed, error: "The hypervisor said no");
        await AdminOrderRows.AuditAsync(_factory, order, "order.placed");
        await AdminOrderRows.AuditAsync(_factory, order, "order.provisioned");
        using var console = await SignInAsync("desk");

        var (response, page) = await console.GetPageAsync($"/ui/orders/{order.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.Should().Be($"Order #{order.Id}");
        var facts = page.QuerySelector("[data-card='order-facts']")!.TextContent;
        facts.Should().Contain("provisioned").And.Contain("VDI").And.Contain("Quarter-end <b>close</b>", "text is escaped, not markup");
        var people = page.QuerySelector("[data-card='order-people']")!;
        people.TextContent.Should().Contain("ada@example.com").And.Contain("bob@example.com");
        people.QuerySelectorAll(".order-people li").Select(li => li.TextContent).Should().Equal("carol@example.com", "dave");
        var assetCard = page.QuerySelector("[data-card='order-asset']")!;
        assetCard.QuerySelector($"a[href='/ui/pool/{asset.Id}']")!.TextContent.Should().Be(asset.Name);
        assetCard.TextContent.Should().Contain("large").And.Contain("4");
        page.QuerySelector($"[data-card='order-related'] a[href='/ui/orders/{change.Id}']").Should().NotBeNull();
        var steps = page.QuerySelectorAll("[data-card='order-steps'] tbody tr");
        steps.Should().HaveCount(2);
        steps[0].TextContent.Should().Contain("reserve_asset").And.Contain("succeeded").And.Contain("1.5 s");
        steps[1].QuerySelector(".order-log-error")!.TextContent.Should().Be("The hypervisor said no");
        page.QuerySelector("[data-card='order-approvals']")!.TextContent.Should().Contain("No approvals for this order");
        var audit = page.QuerySelector("[data-card='order-audit']")!;
        audit.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[2].TextContent).Should().Equal("order.provisioned", "order.placed");
        audit.QuerySelector("a")!.GetAttribute("href").Should().Be($"/ui/audit?entityType=order&entityId={order.Id}");

        var (childResponse, child) = await console.GetPageAsync($"/ui/orders/{change.Id}");
        childResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        child.QuerySelector($"[data-card='order-related'] a[href='/ui/orders/{order.Id}']").Should().NotBeNull("a change links to the order it acts on");
    }

    [Fact]
    public async Task Detail_OfAMissingOrder_IsTheAdminNotFoundPage()
    {
        using var console = await SignInAsync("desk");

        var (response, page) = await console.GetPageAsync("/ui/orders/987654");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        page.QuerySelector(".not-found h1")!.TextContent.Should().Be("Page not found");
        page.QuerySelector(".admin-shell").Should().NotBeNull("the admin frame stays around it");
    }

    [Fact]
    public async Task Detail_OfAnOrderOutsideAGrantedScope_IsNotFound_LikeAMissingOne()
    {
        var mine = await AdminOrderRows.AddTypeAsync(_factory, "Mine");
        var theirs = await AdminOrderRows.AddTypeAsync(_factory, "Theirs");
        var own = await AdminOrderRows.AddOrderAsync(_factory, mine, OrderStatus.Failed);
        var other = await AdminOrderRows.AddOrderAsync(_factory, theirs, OrderStatus.Failed);
        await AdminOrderRows.AddRestrictedAdminAsync(_factory, "limited", mine);
        using var console = await SignInAsync("limited");

        (await console.GetPageAsync($"/ui/orders/{own.Id}")).Response.StatusCode.Should().Be(HttpStatusCode.OK);
        var (response, page) = await console.GetPageAsync($"/ui/orders/{other.Id}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        page.Body!.TextContent.Should().NotContain("Theirs");
    }

    private async Task<ConsoleClient> SignInAsync(string username)
    {
        var console = ConsoleClient.For(_factory);
        await console.SignInAsync(username, AccessFixtures.Password);
        return console;
    }
}
