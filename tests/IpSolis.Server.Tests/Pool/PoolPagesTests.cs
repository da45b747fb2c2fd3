using System.Net;
using AngleSharp.Html.Dom;
using IpSolis.Domain.Access;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Pool;

/// <summary>The console's pool pages through the real host: what each role sees, and every form as a browser posts it.</summary>
public sealed class PoolPagesTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<ConsoleClient> SignInAsync(string username, AdminRole role)
    {
        await AccessFixtures.AddUserAsync(_factory, username, role);
        var console = ConsoleClient.For(_factory);
        await console.SignInAsync(username, AccessFixtures.Password);
        return console;
    }

    [Fact]
    public async Task EmptyPool_ShowsACallToAction()
    {
        using var console = await SignInAsync("ops.admin", AdminRole.Admin);

        var (response, page) = await console.GetPageAsync("/ui/pool");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".empty-state-title")!.TextContent.Should().Be("The pool is empty");
        page.QuerySelectorAll(".empty-state a").Select(a => a.GetAttribute("href")).Should().Contain(["/ui/pool/bulk", "/ui/pool/import"]);
    }

    [Fact]
    public async Task List_ShowsCountsFiltersAndPages()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var lab = await PoolFixtures.AddTypeAsync(_factory, "Lab VM");
        for (var i = 1; i <= 55; i++)
            await PoolFixtures.AddAssetAsync(_factory, $"VDI-{i:000}", vdi.Id, i <= 3 ? PoolAssetStatus.Maintenance : PoolAssetStatus.Free);
        var held = await PoolFixtures.AddAssetAsync(_factory, "LAB-001", lab.Id, PoolAssetStatus.Busy);
        var order = await PoolFixtures.AddOrderAsync(_factory, lab.Id, OrderStatus.Provisioned, held.Id);
        await PoolFixtures.HoldAsync(_factory, held.Id, order.Id);
        using var console = await SignInAsync("desk", AdminRole.Helpdesk);

        var (response, page) = await console.GetPageAsync("/ui/pool");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        Count(page, "total").Should().Be("56");
        Count(page, "maintenance").Should().Be("3");
        Count(page, "busy").Should().Be("1");
        page.QuerySelectorAll(".table tbody tr").Should().HaveCount(50);
        page.QuerySelector(".pagination")!.TextContent.Should().Contain("Page 1 of 2");
        page.QuerySelectorAll("a[href^='/ui/pool/bulk']").Should().BeEmpty("helpdesk cannot change the pool");

        var next = page.QuerySelector(".pagination a[rel='next']")!.GetAttribute("href")!;
        next.Should().Contain("after=").And.Contain("page=2");
        var (_, second) = await console.GetPageAsync(next);
        Names(second).Should().Equal("VDI-051", "VDI-052", "VDI-053", "VDI-054", "VDI-055", "LAB-001");
        second.QuerySelector($"a[href='/ui/orders/{order.Id}']").Should().NotBeNull("the holding order is linked");
        var previous = second.QuerySelector(".pagination a[rel='prev']")!.GetAttribute("href")!;
        Names((await console.GetPageAsync(previous)).Page).First().Should().Be("VDI-001");

        var (_, filtered) = await console.GetPageAsync($"/ui/pool?type={vdi.Id}&status=maintenance");
        Names(filtered).Should().Equal("VDI-001", "VDI-002", "VDI-003");
        Count(filtered, "total").Should().Be("55", "the counts follow the type filter");
        ((IHtmlSelectElement)filtered.QuerySelector("#pool-filter-type")!).Value.Should().Be(vdi.Id.ToString());

        (await console.GetPageAsync("/ui/pool?type=999999")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Detail_OffersOnlyAllowedStatuses_AndChangesThemWithPostRedirectGet()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var asset = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", vdi.Id, PoolAssetStatus.Failed);
        using var console = await SignInAsync("ops.admin", AdminRole.Admin);

        var (_, page) = await console.GetPageAsync($"/ui/pool/{asset.Id}");
        page.QuerySelectorAll("#pool-status option").Select(o => o.GetAttribute("value")).Should().BeEquivalentTo(["free", "maintenance", "reinstall"]);

        var (posted, _) = await console.SubmitAsync($"/ui/pool/{asset.Id}", "pool-asset-status", new Dictionary<string, string> { ["StatusChange.Status"] = "maintenance" });

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(posted).Should().Be($"/ui/pool/{asset.Id}?done=status");
        (await PoolFixtures.AssetAsync(_factory, asset.Id))!.Status.Should().Be(PoolAssetStatus.Maintenance);
        var (_, after) = await console.GetPageAsync(ConsoleClient.RedirectTarget(posted));
        after.QuerySelector(".alert")!.TextContent.Should().Contain("status was changed");

        var (refused, refusedPage) = await console.SubmitAsync($"/ui/pool/{asset.Id}", "pool-asset-status", new Dictionary<string, string> { ["StatusChange.Status"] = "busy" });
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        refusedPage.QuerySelector("#pool-status-error")!.TextContent.Should().Contain("cannot become busy");
        (await PoolFixtures.AssetAsync(_factory, asset.Id))!.Status.Should().Be(PoolAssetStatus.Maintenance);
    }

    [Fact]
    public async Task Detail_SavesNotesAndMetadata_AndShowsFieldErrors()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var asset = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", vdi.Id);
        using var console = await SignInAsync("ops.admin", AdminRole.Admin);

        var (bad, badPage) = await console.SubmitAsync($"/ui/pool/{asset.Id}", "pool-asset-details",
            new Dictionary<string, string> { ["Details.Notes"] = "rack 4", ["Details.Metadata"] = "serial=1\nnot a pair" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badPage.QuerySelector("#pool-metadata-error")!.TextContent.Should().Contain("Line 2");
        badPage.QuerySelector("#pool-notes")!.TextContent.Should().Be("rack 4", "what was typed stays in the form");
        (await PoolFixtures.AssetAsync(_factory, asset.Id))!.Notes.Should().BeEmpty();

        var (saved, _) = await console.SubmitAsync($"/ui/pool/{asset.Id}", "pool-asset-details",
            new Dictionary<string, string> { ["Details.Notes"] = "rack 4", ["Details.Metadata"] = "serial=1\nsite=Berlin" });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var stored = (await PoolFixtures.AssetAsync(_factory, asset.Id))!;
        stored.Notes.Should().Be("rack 4");
        stored.Metadata.Should().BeEquivalentTo(new Dictionary<string, string> { ["serial"] = "1", ["site"] = "Berlin" });
    }

    [Fact]
    public async Task ForceRelease_NeedsReasonAndConfirmation_AndEndsTheHoldingOrder()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var asset = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", vdi.Id, PoolAssetStatus.Busy);
        var order = await PoolFixtures.AddOrderAsync(_factory, vdi.Id, OrderStatus.Provisioned, asset.Id);
        await PoolFixtures.HoldAsync(_factory, asset.Id, order.Id);
        using var console = await SignInAsync("ops.admin", AdminRole.Admin);

        var (page, html) = await console.GetPageAsync($"/ui/pool/{asset.Id}");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        html.QuerySelector("#pool-status").Should().BeNull("a held asset offers no status by hand");
        html.QuerySelector($"a[href='/ui/orders/{order.Id}']").Should().NotBeNull();

        var (unconfirmed, unconfirmedPage) = await console.SubmitAsync($"/ui/pool/{asset.Id}", "pool-asset-force-release",
            new Dictionary<string, string> { ["Release.Reason"] = "disk failure" });
        unconfirmed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        unconfirmedPage.QuerySelector("#pool-release-confirm-error").Should().NotBeNull();

        var (released, _) = await console.SubmitAsync($"/ui/pool/{asset.Id}", "pool-asset-force-release",
            new Dictionary<string, string> { ["Release.Reason"] = "disk failure", ["Release.Confirm"] = "yes" });

        released.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await PoolFixtures.AssetAsync(_factory, asset.Id))!.Status.Should().Be(PoolAssetStatus.Free);
        (await PoolFixtures.OrderAsync(_factory, order.Id)).Status.Should().Be(OrderStatus.Revoked);
        (await AccessFixtures.AuditAsync(_factory)).Should().ContainSingle(e => e.Action == "pool_asset.force_released")
            .Which.Actor.Should().StartWith("admin:session:ops.admin");
    }

    [Fact]
    public async Task Delete_FromTheDetailPage_RedirectsToTheList_AndRefusesAssetsWithHistory()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var fresh = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", vdi.Id);
        var used = await PoolFixtures.AddAssetAsync(_factory, "VDI-002", vdi.Id);
        await PoolFixtures.AddOrderAsync(_factory, vdi.Id, OrderStatus.Expired, used.Id);
        using var console = await SignInAsync("ops.admin", AdminRole.Admin);

        var (refused, refusedPage) = await console.SubmitAsync($"/ui/pool/{used.Id}", "pool-asset-delete", new Dictionary<string, string>());
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        refusedPage.QuerySelector(".alert-error")!.TextContent.Should().Contain("maintenance");

        var (deleted, _) = await console.SubmitAsync($"/ui/pool/{fresh.Id}", "pool-asset-delete", new Dictionary<string, string>());
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(deleted).Should().Be("/ui/pool?done=deleted&name=VDI-001");
        (await PoolFixtures.NamesAsync(_factory)).Should().Equal("VDI-002");
    }

    [Fact]
    public async Task Forms_WithoutAntiforgeryToken_AreRefused_AndChangeNothing()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var asset = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", vdi.Id);
        using var console = await SignInAsync("ops.admin", AdminRole.Admin);

        var (response, _) = await console.PostAsync($"/ui/pool/{asset.Id}",
            [new("_handler", "pool-asset-status"), new("StatusChange.Status", "maintenance")]);
        var (bulk, _) = await console.PostAsync("/ui/pool/bulk",
            [new("_handler", "pool-bulk"), new("Input.AssetTypeId", vdi.Id.ToString()), new("Input.Prefix", "X-"), new("Input.Count", "2")]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        bulk.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await PoolFixtures.AssetAsync(_factory, asset.Id))!.Status.Should().Be(PoolAssetStatus.Free);
        (await PoolFixtures.NamesAsync(_factory)).Should().Equal("VDI-001");
    }

    [Fact]
    public async Task BulkPage_CreatesAndShowsCreatedAndSkippedNames()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        await PoolFixtures.AddAssetAsync(_factory, "VDI-02", vdi.Id);
        using var console = await SignInAsync("ops.admin", AdminRole.Admin);

        var (invalid, invalidPage) = await console.SubmitAsync("/ui/pool/bulk", "pool-bulk", new Dictionary<string, string>
        {
            ["Input.AssetTypeId"] = vdi.Id.ToString(), ["Input.Prefix"] = "VDI-", ["Input.Start"] = "1", ["Input.Count"] = "1001", ["Input.Padding"] = "2",
        });
        invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        invalidPage.QuerySelector("#bulk-count-error")!.TextContent.Should().Contain("1,000");

        var (posted, _) = await console.SubmitAsync("/ui/pool/bulk", "pool-bulk", new Dictionary<string, string>
        {
            ["Input.AssetTypeId"] = vdi.Id.ToString(), ["Input.Prefix"] = "VDI-", ["Input.Start"] = "1", ["Input.Count"] = "5", ["Input.Padding"] = "2",
        });

        posted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, result) = await console.GetPageAsync(ConsoleClient.RedirectTarget(posted));
        var alert = result.QuerySelector(".alert")!.TextContent;
        alert.Should().Contain("Created 4").And.Contain("VDI-01 … VDI-05").And.Contain("Skipped 1 that already existed: VDI-02");
        (await PoolFixtures.NamesAsync(_factory)).Should().HaveCount(5);
    }

    [Fact]
    public async Task ImportPage_ChecksFirst_ThenImportsOnConfirmation()
    {
        await PoolFixtures.AddTypeAsync(_factory, "VDI");
        using var console = await SignInAsync("ops.admin", AdminRole.Admin);
        var csv = "name,asset_type,meta.serial\nVDI-001,VDI,S1\nVDI-002,VDI,S2\n";

        var (checkedResponse, report) = await console.SubmitAsync("/ui/pool/import", "pool-import-check", new Dictionary<string, string> { ["Upload.Text"] = csv });

        checkedResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        report.QuerySelectorAll("[data-card='import-report'] tbody tr").Should().HaveCount(2);
        (await PoolFixtures.NamesAsync(_factory)).Should().BeEmpty("checking changes nothing");
        var apply = ConsoleClient.FindForm(report, "pool-import-apply")!;
        apply.QuerySelector("button")!.TextContent.Should().Contain("Import 2 asset(s)");
        var fields = apply.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();

        var (applied, _) = await console.PostAsync("/ui/pool/import", fields);

        applied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(applied).Should().Be("/ui/pool?done=imported&count=2");
        (await PoolFixtures.NamesAsync(_factory)).Should().Equal("VDI-001", "VDI-002");
        (await PoolFixtures.AssetNamedAsync(_factory, "VDI-002"))!.Metadata["serial"].Should().Be("S2");

        var (badHeader, badPage) = await console.SubmitAsync("/ui/pool/import", "pool-import-check", new Dictionary<string, string> { ["Upload.Text"] = "name\nX\n" });
        badHeader.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badPage.QuerySelector(".alert-error")!.TextContent.Should().Contain("'asset_type'");
    }

    [Fact]
    public async Task ImportPage_CarriesALargeFileThroughTheConfirmation()
    {
        await PoolFixtures.AddTypeAsync(_factory, "VDI");
        using var console = await SignInAsync("ops.admin", AdminRole.Admin);
        var notes = new string('n', 480);
        var csv = new System.Text.StringBuilder("name,asset_type,notes\n");
        for (var i = 1; i <= 9_000; i++)
            csv.Append("VDI-").Append(i.ToString("00000")).Append(",VDI,").Append(notes).Append('\n');
        csv.Length.Should().BeGreaterThan(4 * 1024 * 1024, "the confirmation then carries more than the default form value limit");

        var (checkedResponse, report) = await console.SubmitAsync("/ui/pool/import", "pool-import-check", new Dictionary<string, string> { ["Upload.Text"] = csv.ToString() });
        checkedResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        report.QuerySelector(".pool-import-more")!.TextContent.Should().Contain("8000 more");
        var fields = ConsoleClient.FindForm(report, "pool-import-apply")!.Elements.OfType<IHtmlInputElement>()
            .Where(i => i.Type == "hidden").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();

        var (applied, _) = await console.PostAsync("/ui/pool/import", fields);

        applied.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(applied).Should().Be("/ui/pool?done=imported&count=9000");
        (await PoolFixtures.NamesAsync(_factory)).Should().HaveCount(9_000);
    }

    [Fact]
    public async Task Helpdesk_ReadsButCannotChange_AndOutOfScopeAssetsAreNotFound()
    {
        var vdi = await PoolFixtures.AddTypeAsync(_factory, "VDI");
        var finance = await PoolFixtures.AddTypeAsync(_factory, "Finance VDI");
        var asset = await PoolFixtures.AddAssetAsync(_factory, "VDI-001", vdi.Id);
        var hidden = await PoolFixtures.AddAssetAsync(_factory, "FIN-001", finance.Id);
        using var desk = await SignInAsync("desk", AdminRole.Helpdesk);

        var (read, page) = await desk.GetPageAsync($"/ui/pool/{asset.Id}");
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelectorAll("form[method='post']").Where(f => f.QuerySelector("input[name='_handler']") is not null).Should().BeEmpty();
        (await desk.GetPageAsync("/ui/pool/bulk")).Response.StatusCode.Should().NotBe(HttpStatusCode.OK);
        var (forbidden, _) = await desk.PostAsync($"/ui/pool/{asset.Id}",
            [new("_handler", "pool-asset-status"), new("StatusChange.Status", "maintenance"), new("__RequestVerificationToken", ConsoleClient.AntiforgeryToken(page, "/ui/logout"))]);
        forbidden.IsSuccessStatusCode.Should().BeFalse("the page offers helpdesk no such form");
        forbidden.StatusCode.Should().NotBe(HttpStatusCode.Redirect);
        (await PoolFixtures.AssetAsync(_factory, asset.Id))!.Status.Should().Be(PoolAssetStatus.Free);

        await AccessFixtures.AddUserAsync(_factory, "limited", AdminRole.Admin);
        await PoolFixtures.GrantAsync(_factory, "limited", vdi.Id);
        using var limited = ConsoleClient.For(_factory);
        await limited.SignInAsync("limited", AccessFixtures.Password);
        (await limited.GetPageAsync($"/ui/pool/{hidden.Id}")).Response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        Names((await limited.GetPageAsync("/ui/pool")).Page).Should().Equal("VDI-001");
    }

    private static string Count(IHtmlDocument page, string status) =>
        page.QuerySelectorAll(".pool-counts li").Single(li => li.QuerySelector(".pool-count-label")!.TextContent == status)
            .QuerySelector(".pool-count")!.TextContent;

    private static List<string> Names(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".table tbody tr td:first-child a").Select(a => a.TextContent)];
}
