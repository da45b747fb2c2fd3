using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Catalog;

public sealed class GrantsCardTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private async Task<List<long>> GrantsOfAsync(long userId)
    {
        await using var db = await AccessFixtures.Contexts(host.Factory).CreateDbContextAsync();
        return await db.Set<AdminUserGrant>().Where(g => g.AdminUserId == userId).Select(g => g.AssetTypeId).OrderBy(i => i).ToListAsync();
    }

    [Fact]
    public async Task TickingTypes_GrantsThem_AndTheAdminThenSeesOnlyThose_ClearingRestoresEverything()
    {
        var typeA = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Card A")))).GetProperty("id").GetInt64();
        var typeB = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Card B")))).GetProperty("id").GetInt64();
        var username = "card-" + Guid.NewGuid().ToString("N")[..6];
        var admin = await AccessFixtures.AddUserAsync(host.Factory, username, AdminRole.Admin);
        using var root = ConsoleClient.For(host.Factory);
        await root.SignInAsync("root", AccessFixtures.Password);

        var (shown, page) = await root.GetPageAsync($"/ui/admin-users/{admin.Id}");
        shown.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelectorAll("input[name='Grant.AssetTypeIds']").Select(i => i.GetAttribute("value")).Should().Contain([typeA.ToString(), typeB.ToString()]);

        var (saved, result) = await root.SubmitAsync($"/ui/admin-users/{admin.Id}", "grants", new Dictionary<string, string>(), [new("Grant.AssetTypeIds", typeA.ToString())]);
        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        result.QuerySelector(".alert-success")!.TextContent.Should().Contain("grants were saved");
        ((AngleSharp.Html.Dom.IHtmlInputElement)result.QuerySelector($"input[name='Grant.AssetTypeIds'][value='{typeA}']")!).IsChecked.Should().BeTrue();
        (await GrantsOfAsync(admin.Id)).Should().Equal(typeA);

        using var limited = ConsoleClient.For(host.Factory);
        await limited.SignInAsync(username, AccessFixtures.Password);
        var (_, list) = await limited.GetPageAsync("/ui/asset-types");
        list.QuerySelector($"a[href='/ui/asset-types/{typeA}']").Should().NotBeNull();
        list.QuerySelector($"a[href='/ui/asset-types/{typeB}']").Should().BeNull();

        var (cleared, _) = await root.SubmitAsync($"/ui/admin-users/{admin.Id}", "grants", new Dictionary<string, string>());
        cleared.StatusCode.Should().Be(HttpStatusCode.OK);
        (await GrantsOfAsync(admin.Id)).Should().BeEmpty();
        (await AccessFixtures.AuditAsync(host.Factory)).Count(e => e.Action == "admin_user.grants_updated" && e.EntityId == admin.Id.ToString()).Should().Be(2);
    }

    [Fact]
    public async Task AnUnknownTypeId_IsRefused_AndNothingChanges()
    {
        var typeA = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Card keep")))).GetProperty("id").GetInt64();
        var admin = await AccessFixtures.AddUserAsync(host.Factory, "card-" + Guid.NewGuid().ToString("N")[..6], AdminRole.Admin);
        await host.GrantAsync(admin, typeA);
        using var root = ConsoleClient.For(host.Factory);
        await root.SignInAsync("root", AccessFixtures.Password);

        var (refused, page) = await root.SubmitAsync($"/ui/admin-users/{admin.Id}", "grants", new Dictionary<string, string>(), [new("Grant.AssetTypeIds", "987654321")]);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.GetElementById("grant-error")!.TextContent.Should().Contain("987654321");
        (await GrantsOfAsync(admin.Id)).Should().Equal(typeA);

        var (malformed, _) = await root.SubmitAsync($"/ui/admin-users/{admin.Id}", "grants", new Dictionary<string, string>(), [new("Grant.AssetTypeIds", "1; DROP TABLE")]);
        malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await GrantsOfAsync(admin.Id)).Should().Equal(typeA);
    }
}
