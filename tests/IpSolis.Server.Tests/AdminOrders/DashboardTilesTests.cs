using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using IpSolis.Domain.Access;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Orders.Admin;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.AdminOrders;

/// <summary>The dashboard's pool tiles and "Needs attention" card through the real host, on rows set up directly.</summary>
public sealed class DashboardTilesTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        await AccessFixtures.AddUserAsync(_factory, "desk", AdminRole.Helpdesk);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Dashboard_ShowsATilePerDashboardType_WithCountsAndCapacityWarnings()
    {
        // 10 VDIs, 1 free: 90 % not free → warning. 20 laptops, none free: critical. Pooled app: 5 of 10 seats → fine.
        var vdi = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        await AdminOrderRows.AddAssetsAsync(_factory, vdi, PoolAssetStatus.Free, 1);
        await AdminOrderRows.AddAssetsAsync(_factory, vdi, PoolAssetStatus.Busy, 5);
        await AdminOrderRows.AddAssetsAsync(_factory, vdi, PoolAssetStatus.Reserved, 1);
        await AdminOrderRows.AddAssetsAsync(_factory, vdi, PoolAssetStatus.Failed, 1);
        await AdminOrderRows.AddAssetsAsync(_factory, vdi, PoolAssetStatus.Reinstall, 1);
        await AdminOrderRows.AddAssetsAsync(_factory, vdi, PoolAssetStatus.Maintenance, 1);
        var laptop = await AdminOrderRows.AddTypeAsync(_factory, "Laptop");
        await AdminOrderRows.AddAssetsAsync(_factory, laptop, PoolAssetStatus.Busy, 20);
        var app = await AdminOrderRows.AddTypeAsync(_factory, "CRM access", AssignmentModel.CapacityPooled, capacity: 10);
        for (var i = 0; i < 5; i++)
            await AdminOrderRows.AddOrderAsync(_factory, app, OrderStatus.Provisioned, $"user{i}@example.com");
        await AdminOrderRows.AddOrderAsync(_factory, app, OrderStatus.Revoked, "gone@example.com");
        var hidden = await AdminOrderRows.AddTypeAsync(_factory, "Hidden type", showOnDashboard: false);
        await AdminOrderRows.AddAssetsAsync(_factory, hidden, PoolAssetStatus.Free, 3);

        var page = await DashboardAsync("desk");

        var tiles = page.QuerySelectorAll(".usage-tile");
        tiles.Select(t => t.QuerySelector(".card-title")!.TextContent.Trim()).Should().Equal("CRM access", "Laptop", "VDI");

        var vdiTile = Tile(page, vdi.Id);
        Figures(vdiTile).Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["free"] = "1", ["in-use"] = "6", ["failed"] = "1", ["reinstall"] = "1", ["maintenance"] = "1", ["total"] = "10",
        });
        vdiTile.ClassList.Should().Contain("usage-level-warning");
        vdiTile.QuerySelector(".usage-warning")!.TextContent.Should().Contain("90 % used").And.Contain("1 of 10 free");
        vdiTile.QuerySelector("svg.usage-chart")!.GetAttribute("aria-label").Should().Contain("6 in use, 1 free");
        vdiTile.QuerySelectorAll("svg.usage-chart rect.usage-seg").Should().HaveCount(5);

        var laptopTile = Tile(page, laptop.Id);
        laptopTile.ClassList.Should().Contain("usage-level-critical");
        Figures(laptopTile)["free"].Should().Be("0");

        var appTile = Tile(page, app.Id);
        appTile.ClassList.Should().Contain("usage-level-normal");
        appTile.QuerySelector(".usage-warning").Should().BeNull();
        Figures(appTile).Should().BeEquivalentTo(new Dictionary<string, string> { ["free"] = "5", ["in-use"] = "5", ["total"] = "10" });
    }

    [Theory]
    [InlineData(20, 5, UsageLevel.Normal)]
    [InlineData(20, 4, UsageLevel.Warning)]
    [InlineData(20, 2, UsageLevel.Warning)]
    [InlineData(20, 1, UsageLevel.Critical)]
    [InlineData(20, 0, UsageLevel.Critical)]
    public async Task Dashboard_WarnsFromEightyAndAlarmsFromNinetyFivePercentUsed(int seats, int free, UsageLevel expected)
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "Seats", AssignmentModel.CapacityPooled, capacity: seats);
        for (var i = 0; i < seats - free; i++)
            await AdminOrderRows.AddOrderAsync(_factory, type, i % 2 == 0 ? OrderStatus.Provisioned : OrderStatus.PendingApproval, $"p{i}@example.com");

        var page = await DashboardAsync("desk");

        Tile(page, type.Id).ClassList.Should().Contain("usage-level-" + expected.ToString().ToLowerInvariant());
    }

    [Fact]
    public async Task Dashboard_WithoutDashboardTypes_SaysHowToGetTiles()
    {
        await AdminOrderRows.AddTypeAsync(_factory, "Not shown", showOnDashboard: false);

        var page = await DashboardAsync("desk");

        page.QuerySelectorAll(".usage-tile").Should().BeEmpty();
        page.QuerySelector("[data-card='usage-empty']")!.TextContent.Should().Contain("Mark asset types 'Show on dashboard'");
        page.QuerySelector("#health-panel").Should().NotBeNull("the health panel stays on the dashboard");
    }

    [Fact]
    public async Task NeedsAttention_CountsFailedAndStuckOrders_AndLinksToTheFilteredList()
    {
        var type = await AdminOrderRows.AddTypeAsync(_factory, "VDI");
        var now = DateTimeOffset.UtcNow;
        await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Failed);
        await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Failed, action: OrderAction.Delete);
        await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Processing, createdAt: now.AddHours(-2), updatedAt: now.AddMinutes(-45));
        await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Processing, createdAt: now.AddHours(-2), updatedAt: now.AddMinutes(-5));
        await AdminOrderRows.AddOrderAsync(_factory, type, OrderStatus.Provisioned);

        var page = await DashboardAsync("desk");

        var failed = page.QuerySelector("[data-attention='failed']")!;
        failed.QuerySelector(".attention-count")!.TextContent.Should().Be("2");
        failed.QuerySelector("a")!.GetAttribute("href").Should().Be("/ui/orders?status=failed");
        var stuck = page.QuerySelector("[data-attention='stuck']")!;
        stuck.QuerySelector(".attention-count")!.TextContent.Should().Be("1");
        var stuckLink = stuck.QuerySelector("a")!.GetAttribute("href")!;

        using var console = await SignInAsync("desk");
        var (listed, list) = await console.GetPageAsync(stuckLink);
        listed.StatusCode.Should().Be(HttpStatusCode.OK);
        list.QuerySelectorAll("[data-card='orders-list'] tbody tr").Should().ContainSingle("only the order idle for over 30 minutes is stuck");
    }

    [Fact]
    public async Task RestrictedAdmin_SeesOnlyTheTilesAndCountsOfGrantedTypes()
    {
        var mine = await AdminOrderRows.AddTypeAsync(_factory, "Mine");
        var theirs = await AdminOrderRows.AddTypeAsync(_factory, "Theirs");
        await AdminOrderRows.AddAssetsAsync(_factory, mine, PoolAssetStatus.Free, 2);
        await AdminOrderRows.AddAssetsAsync(_factory, theirs, PoolAssetStatus.Free, 2);
        await AdminOrderRows.AddOrderAsync(_factory, mine, OrderStatus.Failed);
        await AdminOrderRows.AddOrderAsync(_factory, theirs, OrderStatus.Failed);
        await AdminOrderRows.AddOrderAsync(_factory, theirs, OrderStatus.Failed);
        await AdminOrderRows.AddRestrictedAdminAsync(_factory, "limited", mine);

        var page = await DashboardAsync("limited");

        page.QuerySelectorAll(".usage-tile").Select(t => t.GetAttribute("data-asset-type")).Should().Equal(mine.Id.ToString());
        page.QuerySelector("[data-attention='failed'] .attention-count")!.TextContent.Should().Be("1");
    }

    private async Task<IHtmlDocument> DashboardAsync(string username)
    {
        using var console = await SignInAsync(username);
        var (response, page) = await console.GetPageAsync("/ui");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return page;
    }

    private async Task<ConsoleClient> SignInAsync(string username)
    {
        var console = ConsoleClient.For(_factory);
        await console.SignInAsync(username, AccessFixtures.Password);
        return console;
    }

    private static IElement Tile(IHtmlDocument page, long typeId) =>
        page.QuerySelector($".usage-tile[data-asset-type='{typeId}']") ?? throw new InvalidOperationException($"No tile for type {typeId}:\n{page.Body?.InnerHtml}");

    private static Dictionary<string, string> Figures(IElement tile) =>
        tile.QuerySelectorAll("dd[data-figure]").ToDictionary(d => d.GetAttribute("data-figure")!, d => d.TextContent.Trim());
}
