using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Access;

public sealed class AccountRulesTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;
    private AdminUser _root = null!;
    private string _rootToken = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        _root = await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        (_, _rootToken) = await AccessFixtures.AddTokenAsync(_factory, _root);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task NobodyDemotesDeactivatesOrDeletesThemselves_NorTheLastSuperadmin()
    {
        using var api = AccessFixtures.ApiClient(_factory, _rootToken);

        (await api.PatchAsJsonAsync($"/api/v1/admin/users/{_root.Id}", new { role = "admin" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await api.PatchAsJsonAsync($"/api/v1/admin/users/{_root.Id}", new { isActive = false })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await api.DeleteAsync($"/api/v1/admin/users/{_root.Id}")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // Through the console, as another superadmin would, the last active superadmin is still protected.
        var other = await AccessFixtures.AddUserAsync(_factory, "other", AdminRole.Superadmin, active: false);
        using var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync("root", AccessFixtures.Password);
        var (self, page) = await browser.SubmitAsync($"/ui/admin-users/{_root.Id}", "update-user", new Dictionary<string, string> { ["Edit.Role"] = "admin", ["Edit.Active"] = "true" });
        self.StatusCode.Should().Be(HttpStatusCode.Conflict);
        page.QuerySelector(".alert-error")!.TextContent.Should().Contain("your own role");

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<AdminUser>().SingleAsync(u => u.Id == _root.Id)).Role.Should().Be(AdminRole.Superadmin);
        _ = other;
    }

    [Fact]
    public async Task WithTwoSuperadmins_OneCanBeDemoted_ButNotTheLastActiveOne()
    {
        var second = await AccessFixtures.AddUserAsync(_factory, "second", AdminRole.Superadmin);
        var (_, secondToken) = await AccessFixtures.AddTokenAsync(_factory, second);
        using var root = AccessFixtures.ApiClient(_factory, _rootToken);

        (await root.PatchAsJsonAsync($"/api/v1/admin/users/{second.Id}", new { role = "admin" })).StatusCode.Should().Be(HttpStatusCode.OK);

        // "second" is an admin now; root is the last superadmin and stays one.
        using var secondApi = AccessFixtures.ApiClient(_factory, secondToken);
        (await secondApi.PatchAsJsonAsync($"/api/v1/admin/users/{_root.Id}", new { role = "admin" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var audit = await AccessFixtures.AuditAsync(_factory);
        audit.Should().Contain(e => e.Action == "admin_user.updated" && e.OldValues!.Contains("superadmin") && e.NewValues!.Contains("\"admin\""));
    }

    [Fact]
    public async Task ConcurrentMutualDemotions_LeaveAtLeastOneSuperadmin()
    {
        var second = await AccessFixtures.AddUserAsync(_factory, "second", AdminRole.Superadmin);
        var (_, secondToken) = await AccessFixtures.AddTokenAsync(_factory, second);
        using var a = AccessFixtures.ApiClient(_factory, _rootToken);
        using var b = AccessFixtures.ApiClient(_factory, secondToken);

        var results = await Task.WhenAll(
            a.PatchAsJsonAsync($"/api/v1/admin/users/{second.Id}", new { role = "admin" }),
            b.PatchAsJsonAsync($"/api/v1/admin/users/{_root.Id}", new { role = "admin" }));

        results.Count(r => r.StatusCode == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1);
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<AdminUser>().CountAsync(u => u.Role == AdminRole.Superadmin && u.IsActive)).Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Users_AreCreatedEditedAndDeletedThroughTheConsole_WithAudit()
    {
        using var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync("root", AccessFixtures.Password);
        var (created, page) = await browser.SubmitAsync("/ui/admin-users", "create-user", new Dictionary<string, string>
        {
            ["Input.Username"] = "Helper.Desk",
            ["Input.Role"] = "helpdesk",
            ["Input.Password"] = AccessFixtures.Password,
        });
        created.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".alert-success")!.TextContent.Should().Contain("helper.desk");

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        var user = await db.Set<AdminUser>().SingleAsync(u => u.Username == "helper.desk");
        var now = DateTimeOffset.UtcNow;
        var vdi = new Features.Catalog.AssetType { Name = "Grant test VDI", CreatedAt = now, UpdatedAt = now };
        db.Add(vdi);
        await db.SaveChangesAsync();
        var (grants, _) = await browser.SubmitAsync($"/ui/admin-users/{user.Id}", "grants", new Dictionary<string, string> { ["Grant.AssetTypeIds"] = vdi.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        grants.StatusCode.Should().Be(HttpStatusCode.OK);
        (await db.Set<AdminUserGrant>().Where(g => g.AdminUserId == user.Id).Select(g => g.AssetTypeId).ToListAsync()).Should().Equal(vdi.Id);

        var (deleted, _) = await browser.SubmitAsync($"/ui/admin-users/{user.Id}", $"/ui/admin-users/{user.Id}/delete", new Dictionary<string, string>());
        deleted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await db.Set<AdminUser>().AnyAsync(u => u.Id == user.Id)).Should().BeFalse();
        (await AccessFixtures.AuditAsync(_factory)).Select(e => e.Action).Should().Contain(["admin_user.created", "admin_user.grants_updated", "admin_user.deleted"]);
    }
}
