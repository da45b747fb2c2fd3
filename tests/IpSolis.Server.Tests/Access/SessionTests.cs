using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Access;

public sealed class SessionTests : IAsyncLifetime
{
    private readonly AdjustableClock _clock = new();
    private IpSolisFactory _factory = null!;
    private AdminUser _root = null!;
    private string _rootToken = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync(
            new Dictionary<string, string?> { ["Access:SessionIdleMinutes"] = "30", ["Access:SessionAbsoluteHours"] = "8" },
            services => services.AddSingleton<TimeProvider>(_clock));
        _root = await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        (_, _rootToken) = await AccessFixtures.AddTokenAsync(_factory, _root);
        await AccessFixtures.AddUserAsync(_factory, "ops", AdminRole.Admin);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<ConsoleClient> SignedInAsync(string username)
    {
        var browser = ConsoleClient.For(_factory);
        await browser.SignInAsync(username, AccessFixtures.Password);
        return browser;
    }

    private static async Task<HttpStatusCode> AccountPageAsync(ConsoleClient browser) => (await browser.GetPageAsync("/ui/account")).Response.StatusCode;

    [Fact]
    public async Task SignOut_EndsTheSessionServerSide_SoACopiedCookieIsDead()
    {
        using var browser = await SignedInAsync("ops");
        (await AccountPageAsync(browser)).Should().Be(HttpStatusCode.OK);
        var stolen = browser.SessionCookie!;

        var (signedOut, _) = await browser.SubmitAsync("/ui/account", "/ui/logout", new Dictionary<string, string>());
        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(signedOut).Should().StartWith("/ui/login");

        using var thief = AccessFixtures.ApiClient(_factory);
        thief.DefaultRequestHeaders.Add("Cookie", $"{AdminSessions.CookieName}={stolen}");
        thief.DefaultRequestHeaders.Add("Accept", "text/html");
        (await thief.GetAsync("/ui/account")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the session ended on the server, not just in the browser");
    }

    [Fact]
    public async Task DeactivationAndDemotion_EndSessionsAtOnce()
    {
        using var ops = await SignedInAsync("ops");
        using var api = AccessFixtures.ApiClient(_factory, _rootToken);
        var opsId = (await Users()).Single(u => u.Username == "ops").Id;

        (await api.PatchAsJsonAsync($"/api/v1/admin/users/{opsId}", new { role = "helpdesk" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AccountPageAsync(ops)).Should().Be(HttpStatusCode.Redirect, "demotion ends the session");

        using var again = await SignedInAsync("ops");
        (await AccountPageAsync(again)).Should().Be(HttpStatusCode.OK);
        (await api.PatchAsJsonAsync($"/api/v1/admin/users/{opsId}", new { isActive = false })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await AccountPageAsync(again)).Should().Be(HttpStatusCode.Redirect, "deactivation ends the session");
    }

    [Fact]
    public async Task IdleAndAbsoluteTimeouts_EndSessions()
    {
        using var idle = await SignedInAsync("ops");
        _clock.Advance(TimeSpan.FromMinutes(20));
        (await AccountPageAsync(idle)).Should().Be(HttpStatusCode.OK);
        _clock.Advance(TimeSpan.FromMinutes(20));
        (await AccountPageAsync(idle)).Should().Be(HttpStatusCode.OK, "activity 20 minutes ago keeps it alive");
        _clock.Advance(TimeSpan.FromMinutes(31));
        (await AccountPageAsync(idle)).Should().Be(HttpStatusCode.Redirect, "31 idle minutes end it");

        using var busy = await SignedInAsync("ops");
        for (var i = 0; i < 17; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(29));
            if (i < 16)
                (await AccountPageAsync(busy)).Should().Be(HttpStatusCode.OK);
        }

        (await AccountPageAsync(busy)).Should().Be(HttpStatusCode.Redirect, "8 hours is the absolute limit, activity or not");
    }

    [Fact]
    public async Task ASuperadmin_ListsAndEndsAnotherUsersSession()
    {
        using var ops = await SignedInAsync("ops");
        using var root = await SignedInAsync("root");
        var opsSession = (await LiveSessions()).Single(s => s.AdminUser!.Username == "ops");

        var (page, html) = await root.GetPageAsync("/ui/admin-users");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        html.QuerySelector("[data-card='live-sessions']")!.TextContent.Should().Contain("ops");
        var (ended, _) = await root.SubmitAsync("/ui/admin-users", $"/ui/sessions/{opsSession.Id}/end", new Dictionary<string, string>());
        ended.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await AccountPageAsync(ops)).Should().Be(HttpStatusCode.Redirect);
        (await AccountPageAsync(root)).Should().Be(HttpStatusCode.OK);
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "admin_session.ended" && e.Actor == "admin:session:root:superadmin");
    }

    [Fact]
    public async Task ChangingOnesPassword_NeedsTheCurrentOne_MustDiffer_AndEndsOtherSessions()
    {
        using var here = await SignedInAsync("ops");
        using var elsewhere = await SignedInAsync("ops");

        var (wrong, _) = await here.SubmitAsync("/ui/account", "change-password", Change("not my password", "a brand new password", "a brand new password"));
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (same, _) = await here.SubmitAsync("/ui/account", "change-password", Change(AccessFixtures.Password, AccessFixtures.Password, AccessFixtures.Password));
        same.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var (changed, _) = await here.SubmitAsync("/ui/account", "change-password", Change(AccessFixtures.Password, "a brand new password", "a brand new password"));
        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await AccountPageAsync(here)).Should().Be(HttpStatusCode.OK);
        (await AccountPageAsync(elsewhere)).Should().Be(HttpStatusCode.Redirect);
        using var fresh = ConsoleClient.For(_factory);
        await fresh.SignInAsync("ops", "a brand new password");
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "admin_user.password_changed_self" && !e.NewValues!.Contains("brand new"));
    }

    private static Dictionary<string, string> Change(string current, string next, string confirmation) => new()
    {
        ["Change.CurrentPassword"] = current,
        ["Change.NewPassword"] = next,
        ["Change.Confirmation"] = confirmation,
    };

    private async Task<IReadOnlyList<AdminUser>> Users()
    {
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        return await db.Set<AdminUser>().AsNoTracking().ToListAsync();
    }

    private async Task<IReadOnlyList<AdminSession>> LiveSessions()
    {
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        return await db.Set<AdminSession>().AsNoTracking().Include(s => s.AdminUser).Where(s => s.EndedAt == null).ToListAsync();
    }
}
