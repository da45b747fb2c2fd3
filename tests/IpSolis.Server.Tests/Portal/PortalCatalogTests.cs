using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.PersonDirectory;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Portal;

/// <summary>The portal catalog: what one person may order, found by search and category, with availability.</summary>
public sealed class PortalCatalogTests : IAsyncLifetime
{
    private PortalHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalHost.StartAsync(services =>
        services.AddSingleton<IPersonDirectory>(sp => new UnreachableGroupDirectory(
            new LocalPersonDirectory(sp.GetRequiredService<IDbContextFactory<IpSolisDbContext>>()))));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Catalog_ShowsActiveTypesThePersonIsEligibleFor_AndHidesTheRest()
    {
        var finance = await DirectoryFixtures.AddGroupAsync(_host.Factory, "finance");
        var hr = await DirectoryFixtures.AddGroupAsync(_host.Factory, "hr");
        var anna = await DirectoryFixtures.PersonAsync(_host.Factory, PortalHost.Anna);
        var ben = await DirectoryFixtures.PersonAsync(_host.Factory, PortalHost.Ben);
        await DirectoryFixtures.AddMemberAsync(_host.Factory, finance, anna);
        await DirectoryFixtures.AddMemberAsync(_host.Factory, hr, ben);
        await _host.AddTypeAsync("VDI Standard");
        await _host.AddTypeAsync("Ledger", t => t.EligibleGroup = "finance");
        await _host.AddTypeAsync("Payroll", t => t.EligibleGroup = "hr");
        await _host.AddTypeAsync("Old Laptop", t => t.IsActive = false);
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (response, page) = await browser.GetPageAsync("/portal/catalog");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        PortalHost.CardNames(page).Should().Equal("Ledger", "VDI Standard");
        page.QuerySelector(".catalog-count")!.TextContent.Should().Contain("2");
    }

    [Fact]
    public async Task Catalog_FiltersBySearchTextAndCategory_WithAPlainGetForm()
    {
        await _host.AddTypeAsync("VDI Standard", t => t.Category = AssetCategory.PlatformAccess);
        await _host.AddTypeAsync("VDI Power", t => t.Category = AssetCategory.PlatformAccess);
        await _host.AddTypeAsync("CRM", t =>
        {
            t.Category = AssetCategory.ApplicationAccess;
            t.Description = "Customer records in the sales application";
        });
        await _host.AddTypeAsync("Laptop 14", t => t.Category = AssetCategory.DeviceAccess);
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (_, all) = await browser.GetPageAsync("/portal/catalog");
        var form = all.QuerySelector("form.catalog-filter")!;
        form.GetAttribute("method").Should().Be("get");
        form.QuerySelector("input[name='q']").Should().NotBeNull();
        form.QuerySelectorAll("select[name='category'] option").Should().HaveCount(Enum.GetValues<AssetCategory>().Length + 1);

        PortalHost.CardNames((await browser.GetPageAsync("/portal/catalog?q=vdi")).Page).Should().Equal("VDI Power", "VDI Standard");
        PortalHost.CardNames((await browser.GetPageAsync("/portal/catalog?q=SALES")).Page).Should().Equal(new[] { "CRM" }, "the description is searched too");
        PortalHost.CardNames((await browser.GetPageAsync("/portal/catalog?category=device_access")).Page).Should().Equal("Laptop 14");
        PortalHost.CardNames((await browser.GetPageAsync("/portal/catalog?q=vdi&category=application_access")).Page).Should().BeEmpty();
        var (response, none) = await browser.GetPageAsync("/portal/catalog?q=%25_nothing");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        none.QuerySelector(".empty-state-title")!.TextContent.Should().Be("Nothing matches");
        (await browser.GetPageAsync("/portal/catalog?category=no-such-category")).Page.QuerySelectorAll(".catalog-card").Should().HaveCount(4, "an unknown category filters nothing");
    }

    [Fact]
    public async Task Catalog_SaysWhatIsAvailable_ForEveryAssignmentModel()
    {
        var withFree = await _host.AddTypeAsync("VDI Free");
        await _host.AddAssetsAsync(withFree.Id, 1, "FREE");
        await _host.AddTypeAsync("VDI Empty");
        await _host.AddTypeAsync("Laptop New", t => t.PersonalProvisioningStrategy = PersonalProvisioningStrategy.CreateNew);
        var full = await _host.AddTypeAsync("Seats Full", t =>
        {
            t.AssignmentModel = AssignmentModel.CapacityPooled;
            t.PersonalProvisioningStrategy = null;
            t.PoolCapacity = 1;
        });
        await _host.AddOrderAsync(full, PortalHost.Ben, OrderStatus.Provisioned);
        await _host.AddTypeAsync("Seats Open", t =>
        {
            t.AssignmentModel = AssignmentModel.CapacityPooled;
            t.PersonalProvisioningStrategy = null;
            t.PoolCapacity = 5;
        });
        await _host.AddTypeAsync("Jump Host Unset", t =>
        {
            t.AssignmentModel = AssignmentModel.DedicatedShared;
            t.PersonalProvisioningStrategy = null;
        });
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (_, page) = await browser.GetPageAsync("/portal/catalog");

        var badges = page.QuerySelectorAll(".catalog-card").ToDictionary(
            c => c.QuerySelector("h2")!.TextContent.Trim(),
            c => c.QuerySelector(".catalog-facts .badge")!.TextContent.Trim());
        badges.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["Jump Host Unset"] = "Unavailable",
            ["Laptop New"] = "Available",
            ["Seats Full"] = "Unavailable",
            ["Seats Open"] = "Available",
            ["VDI Empty"] = "Unavailable",
            ["VDI Free"] = "Available",
        });
        page.QuerySelectorAll(".catalog-card a[href^='/portal/orders/new?type=']").Select(a => a.GetAttribute("href"))
            .Should().HaveCount(3).And.Contain($"/portal/orders/new?type={withFree.Id}");
    }

    [Fact]
    public async Task Catalog_WhenTheDirectoryCannotAnswer_ShowsTheGroupsTypesAsNotOrderable()
    {
        await _host.AddTypeAsync("VDI Standard");
        await _host.AddAssetsAsync((await _host.AddTypeAsync("Trading Desk", t => t.EligibleGroup = UnreachableGroupDirectory.Group)).Id, 3, "TRD");
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (response, page) = await browser.GetPageAsync("/portal/catalog");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var card = page.QuerySelectorAll(".catalog-card").Single(c => c.QuerySelector("h2")!.TextContent.Trim() == "Trading Desk");
        card.QuerySelector(".badge")!.TextContent.Trim().Should().Be("Unavailable");
        card.QuerySelector(".catalog-note")!.TextContent.Should().Contain("directory did not answer");
        card.QuerySelector("a[href^='/portal/orders/new']").Should().BeNull("an unanswered eligibility question fails closed");
    }

    [Fact]
    public async Task Catalog_ShowsCostAndHelpText_RenderedSafely()
    {
        await _host.AddTypeAsync("VDI Standard", t =>
        {
            t.MonthlyCost = 42.5m;
            t.Currency = "EUR";
            t.HelpText = "**Windows 11** desktop. <script>alert(1)</script> [Guide](https://intranet.example.com/vdi)";
        });
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (_, page) = await browser.GetPageAsync("/portal/catalog");

        var card = page.QuerySelector(".catalog-card")!;
        card.QuerySelector(".catalog-cost")!.TextContent.Should().Be("42.50 EUR per month");
        var help = card.QuerySelector(".catalog-help .help-text")!;
        help.QuerySelector("strong")!.TextContent.Should().Be("Windows 11");
        help.QuerySelector("a")!.GetAttribute("href").Should().Be("https://intranet.example.com/vdi");
        help.QuerySelector("script").Should().BeNull();
        page.QuerySelectorAll("script").Should().OnlyContain(s => s.HasAttribute("src"), "no script from a help text reaches the page");
    }

    [Fact]
    public async Task Catalog_WithNothingOffered_ShowsTheEmptyState_AndInGerman()
    {
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (_, page) = await browser.GetPageAsync("/portal/catalog");
        page.QuerySelector(".empty-state-title")!.TextContent.Should().Be("Nothing to order yet");

        browser.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var (_, german) = await browser.GetPageAsync("/portal/catalog");
        german.QuerySelector("h1")!.TextContent.Should().Be("Katalog");
        german.QuerySelector(".empty-state-title")!.TextContent.Should().Be("Noch nichts zu bestellen");
    }

    [Fact]
    public async Task Catalog_PagesThroughManyTypes()
    {
        for (var i = 1; i <= 30; i++)
            await _host.AddTypeAsync($"Type {i:D2}");
        using var browser = await _host.SignInAsync(PortalHost.Anna);

        var (_, first) = await browser.GetPageAsync("/portal/catalog");
        var (_, second) = await browser.GetPageAsync(first.QuerySelector(".portal-pager a[rel='next']")!.GetAttribute("href")!);

        PortalHost.CardNames(first).Should().HaveCount(24).And.StartWith("Type 01");
        PortalHost.CardNames(second).Should().Equal(Enumerable.Range(25, 6).Select(i => $"Type {i:D2}"));
    }

    [Fact]
    public async Task Catalog_ShowsAChangedType_OnTheNextView_AndRereadsTheTypesOnlyAfterAChange()
    {
        var vdi = await _host.AddTypeAsync("VDI Standard");
        await _host.AddTypeAsync("Laptop 14");
        using var browser = await _host.SignInAsync(PortalHost.Anna);
        var snapshot = _host.Factory.Services.GetRequiredService<AssetTypeSnapshot>();

        PortalHost.CardNames((await browser.GetPageAsync("/portal/catalog")).Page).Should().Equal("Laptop 14", "VDI Standard");
        var loads = snapshot.Loads;
        PortalHost.CardNames((await browser.GetPageAsync("/portal/catalog?q=vdi")).Page).Should().Equal("VDI Standard");
        snapshot.Loads.Should().Be(loads, "nothing changed, so the list in memory serves the next view");

        // Hidden through the product's own service, as the console and the API do it: the row count stays the same,
        // only the row's version moves.
        var admin = new AdminIdentity(AdminIdentity.LegacyKey, AdminIdentity.LegacyKey, AdminRole.Superadmin, null, LegacyAuthority: true);
        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            var hidden = await scope.ServiceProvider.GetRequiredService<AssetTypes>()
                .SetActiveAsync(admin, AuditActor.System("test"), vdi.Id, active: false, CancellationToken.None);
            hidden.Succeeded.Should().BeTrue();
        }

        PortalHost.CardNames((await browser.GetPageAsync("/portal/catalog")).Page).Should().Equal("Laptop 14");
        await _host.AddTypeAsync("Monitor");
        PortalHost.CardNames((await browser.GetPageAsync("/portal/catalog")).Page).Should().Equal("Laptop 14", "Monitor");
        snapshot.Loads.Should().Be(loads + 2, "each change is read once");
    }

    [Fact]
    public async Task Catalog_SendsAnonymousVisitorsToSignIn()
    {
        using var browser = ConsoleClient.For(_host.Factory);

        var (response, _) = await browser.GetPageAsync("/portal/catalog?q=vdi");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(response).Should().StartWith("/portal/login");
    }
}
