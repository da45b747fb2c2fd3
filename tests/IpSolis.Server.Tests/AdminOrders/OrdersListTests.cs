using System.Net;
using AngleSharp.Html.Dom;
using IpSolis.Domain.Access;
using IpSolis.Domain.Orders;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.AdminOrders;

/// <summary>The admin orders list: filters as a GET form, keyset pagination, and the caller's asset-type scope.</summary>
public sealed class OrdersListTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        await AccessFixtures.AddUserAsync(_factory, "desk", AdminRole.Helpdesk);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Pages_NewestFirst_FiftyAtATime_WithoutDuplicatesOrGaps_InBothDirections()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var ids = await AdminOrderRows.AddOrdersAsync(_factory, type, 123);
        using var console = await SignInAsync("desk");

        var pages = new List<IReadOnlyList<long>>();
        var href = "/ui/orders";
        while (true)
        {
            var page = await ListAsync(console, href);
            pages.Add(Ids(page));
            if (Link(page, "Older") is not { } older)
                break;
            href = older;
        }

        pages.Select(p => p.Count).Should().Equal(50, 50, 23);
        pages.SelectMany(p => p).Should().Equal(ids.OrderByDescending(i => i), "every order once, newest first");

        // Back from the last page: "Newer" gives exactly the page before it, then the first one.
        var last = await ListAsync(console, href);
        var middle = await ListAsync(console, Link(last, "Newer")!);
        Ids(middle).Should().Equal(pages[1]);
        var first = await ListAsync(console, Link(middle, "Newer")!);
        Ids(first).Should().Equal(pages[0]);
        Link(first, "Newer").Should().BeNull("there is nothing newer than the newest page");
    }

    [Fact]
    public async Task Pagination_KeepsTheFilter_AndOrdersPlacedMeanwhileDoNotShiftPages()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var ids = await AdminOrderRows.AddOrdersAsync(_factory, type, 110, i => i % 2 == 0 ? OrderStatus.Failed : OrderStatus.Provisioned);
        using var console = await SignInAsync("desk");

        var first = await ListAsync(console, "/ui/orders?status=failed");
        await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Failed);
        var older = Link(first, "Older")!;
        older.Should().Contain("status=failed");
        var second = await ListAsync(console, older);

        var failed = ids.Where((_, i) => i % 2 == 0).OrderByDescending(i => i).ToList();
        Ids(first).Concat(Ids(second)).Should().Equal(failed);
    }

    [Fact]
    public async Task Filters_ByStatusActionTypeRequesterAndCreatedDays()
    {
        var vdi = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var app = await AdminOrderRows.AddTypeAsync(_factory, "App");
        var march = new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);
        var failedVdi = await AdminOrderRows.AddOrderAsync(_factory, vdi, OrderStatus.Failed, "grace.hopper@example.com", createdAt: march);
        var deleteApp = await AdminOrderRows.AddOrderAsync(_factory, app, OrderStatus.Processing, "alan.turing@example.com", OrderAction.Delete, createdAt: march.AddDays(1));
        var liveApp = await AdminOrderRows.AddOrderAsync(_factory, app, OrderStatus.Provisioned, "grace.kelly@example.com", createdAt: march.AddDays(5));
        using var console = await SignInAsync("desk");

        Ids(await ListAsync(console, "/ui/orders?status=failed")).Should().Equal(failedVdi.Id);
        Ids(await ListAsync(console, "/ui/orders?action=delete")).Should().Equal(deleteApp.Id);
        Ids(await ListAsync(console, $"/ui/orders?type={app.Id}")).Should().Equal(liveApp.Id, deleteApp.Id);
        Ids(await ListAsync(console, "/ui/orders?requester=GRACE")).Should().Equal(liveApp.Id, failedVdi.Id);
        Ids(await ListAsync(console, "/ui/orders?from=2025-03-11&to=2025-03-11")).Should().Equal(deleteApp.Id);
        Ids(await ListAsync(console, "/ui/orders?from=2025-03-11")).Should().Equal(liveApp.Id, deleteApp.Id);
        Ids(await ListAsync(console, $"/ui/orders?type={app.Id}&status=provisioned&requester=kelly")).Should().Equal(liveApp.Id);

        var filtered = await ListAsync(console, "/ui/orders?status=failed&requester=grace");
        filtered.QuerySelector("#orders-status option[selected]")!.GetAttribute("value").Should().Be("failed", "the form shows the filter it applied");
        filtered.QuerySelector("#orders-requester")!.GetAttribute("value").Should().Be("grace");
        var row = filtered.QuerySelector("[data-card='orders-list'] tbody tr")!;
        row.TextContent.Should().Contain("VDI").And.Contain("grace.hopper@example.com").And.Contain("failed").And.Contain("provision");
        row.QuerySelector(".badge-error").Should().NotBeNull("a failed order's badge is red");
    }

    [Fact]
    public async Task Filter_WithAnUnreadableValue_SaysWhichField_AndListsNothing()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Failed);
        using var console = await SignInAsync("desk");

        var (response, page) = await console.GetPageAsync("/ui/orders?status=broken&from=yesterday");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.QuerySelector("#orders-status")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Should().Contain("'broken' is not an order status");
        page.QuerySelector("#orders-from")!.ParentElement!.QuerySelector(".field-error")!.TextContent.Should().Contain("not a date");
        Ids(page).Should().BeEmpty();
    }

    [Fact]
    public async Task RestrictedAdmin_ListsOnlyOrdersOfGrantedTypes_EvenWhenFilteringForOthers()
    {
        var mine = await AdminOrderRows.AddTypeAsync(_factory, "Mine");
        var theirs = await AdminOrderRows.AddTypeAsync(_factory, "Theirs");
        var own = await AdminOrderRows.AddOrderAsync(_factory, mine, OrderStatus.Provisioned);
        var other = await AdminOrderRows.AddOrderAsync(_factory, theirs, OrderStatus.Provisioned);
        await AdminOrderRows.AddRestrictedAdminAsync(_factory, "limited", mine);
        using var limited = await SignInAsync("limited");
        using var desk = await SignInAsync("desk");

        var page = await ListAsync(limited, "/ui/orders");
        Ids(page).Should().Equal(own.Id);
        page.QuerySelectorAll("#orders-type option").Select(o => o.TextContent).Should().NotContain("Theirs");
        Ids(await ListAsync(limited, $"/ui/orders?type={theirs.Id}")).Should().BeEmpty();
        Ids(await ListAsync(desk, "/ui/orders")).Should().Equal(other.Id, own.Id);
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var console = ConsoleClient.For(_factory);

        var (response, _) = await console.GetPageAsync("/ui/orders");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(response).Should().StartWith("/ui/login");
    }

    private async Task<ConsoleClient> SignInAsync(string username)
    {
        var console = ConsoleClient.For(_factory);
        await console.SignInAsync(username, AccessFixtures.Password);
        return console;
    }

    private static async Task<IHtmlDocument> ListAsync(ConsoleClient console, string href)
    {
        var (response, page) = await console.GetPageAsync(href);
        response.StatusCode.Should().Be(HttpStatusCode.OK, page.QuerySelector(".alert")?.TextContent);
        return page;
    }

    private static IReadOnlyList<long> Ids(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-card='orders-list'] tbody tr a[href^='/ui/orders/']")
            .Select(a => long.Parse(a.GetAttribute("href")!["/ui/orders/".Length..], System.Globalization.CultureInfo.InvariantCulture))];

    private static string? Link(IHtmlDocument page, string text) =>
        page.QuerySelectorAll("nav.pagination a").FirstOrDefault(a => a.TextContent.Trim() == text)?.GetAttribute("href");
}
