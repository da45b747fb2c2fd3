using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Settings;

/// <summary>
/// The password, lockout and session policy as runtime settings: configuration gives the defaults, the Security
/// settings (API or <c>/ui/settings/security</c>) override them, and sign-in and sessions follow at once.
/// </summary>
public sealed class AccessPolicySettingsTests : IAsyncLifetime
{
    private const string SettingsPath = "/api/v1/admin/settings";
    private readonly AdjustableClock _clock = new();
    private IpSolisFactory _factory = null!;
    private string _rootToken = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync(
            new Dictionary<string, string?>
            {
                ["Access:LockoutThreshold"] = "10",
                ["Access:SessionIdleMinutes"] = "30",
                ["Access:SignInPerUsernamePerMinute"] = "100",
                ["Access:SignInPerAddressPerMinute"] = "100",
            },
            services => services.AddSingleton<TimeProvider>(_clock));
        var root = await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        (_, _rootToken) = await AccessFixtures.AddTokenAsync(_factory, root);
        await AccessFixtures.AddUserAsync(_factory, "ops", AdminRole.Admin);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Api() => AccessFixtures.ApiClient(_factory, _rootToken);

    private async Task<HttpStatusCode> SignInAttemptAsync(string username, string password)
    {
        using var browser = ConsoleClient.For(_factory);
        var (response, _) = await browser.SubmitAsync("/ui/login", "sign-in", new Dictionary<string, string>
        {
            ["Credentials.Username"] = username,
            ["Credentials.Password"] = password,
        });
        return response.StatusCode;
    }

    [Fact]
    public async Task ConfigurationGivesTheDefaults_ThatTheApiLists()
    {
        using var api = Api();
        var settings = await AccessFixtures.JsonAsync(await api.GetAsync(SettingsPath));

        settings.GetProperty("security.lockout_threshold").GetString().Should().Be("10");
        settings.GetProperty("security.session_idle_minutes").GetString().Should().Be("30");
        settings.GetProperty("security.password_min_length").GetString().Should().Be("12");
        settings.GetProperty("security.token_purge_after_days").GetString().Should().Be("0");
    }

    [Fact]
    public async Task LoweringTheLockoutThreshold_ThroughTheApi_LocksSignInSooner()
    {
        (await SignInAttemptAsync("ops", "wrong password number 1")).Should().Be(HttpStatusCode.Unauthorized);
        (await SignInAttemptAsync("ops", "wrong password number 2")).Should().Be(HttpStatusCode.Unauthorized, "the configured threshold is 10");

        using var api = Api();
        var saved = await api.PutAsJsonAsync(SettingsPath, new Dictionary<string, object?> { ["security.lockout_threshold"] = 3 });
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        (await SignInAttemptAsync("ops", "wrong password number 3")).Should().Be(HttpStatusCode.Locked, "the third consecutive failure now locks");
        (await SignInAttemptAsync("ops", AccessFixtures.Password)).Should().Be(HttpStatusCode.Locked);
        (await SignInAttemptAsync("nobody", "wrong password number 1")).Should().Be(HttpStatusCode.Unauthorized);
        (await SignInAttemptAsync("nobody", "wrong password number 2")).Should().Be(HttpStatusCode.Unauthorized);
        (await SignInAttemptAsync("nobody", "wrong password number 3")).Should().Be(HttpStatusCode.Locked, "unknown names lock exactly like real ones");
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "setting.changed" && e.EntityId == "security.lockout_threshold")
            .And.Contain(e => e.Action == "auth.locked_out");
    }

    [Fact]
    public async Task AMinimumLengthBelow12_IsRefused_NamingTheField_AndNothingChanges()
    {
        using var api = Api();
        var refused = await api.PutAsJsonAsync(SettingsPath, new Dictionary<string, object?>
        {
            ["security.password_min_length"] = 11,
            ["security.lockout_threshold"] = 5,
        });

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await AccessFixtures.JsonAsync(refused);
        problem.GetProperty("errors").GetProperty("security.password_min_length")[0].GetString()
            .Should().Be("Password minimum length must be between 12 and 128.");
        var settings = await AccessFixtures.JsonAsync(await api.GetAsync(SettingsPath));
        settings.GetProperty("security.password_min_length").GetString().Should().Be("12");
        settings.GetProperty("security.lockout_threshold").GetString().Should().Be("10", "a save is all or nothing");
        (await AccessFixtures.AuditAsync(_factory)).Should().NotContain(e => e.Action == "setting.changed");
        (await _factory.Services.GetRequiredService<AccessPolicy>().CurrentAsync()).Passwords.LockoutThreshold.Should().Be(10);
    }

    [Fact]
    public async Task ARaisedMinimumLength_AppliesToNewPasswords()
    {
        using var api = Api();
        (await api.PutAsJsonAsync(SettingsPath, new Dictionary<string, object?> { ["security.password_min_length"] = "24" })).StatusCode.Should().Be(HttpStatusCode.OK);

        var tooShort = await api.PostAsJsonAsync("/api/v1/admin/users", new { username = "short.one", password = "twenty characters ok", role = "helpdesk" });
        tooShort.IsSuccessStatusCode.Should().BeFalse();
        (await tooShort.Content.ReadAsStringAsync()).Should().Contain("at least 24 characters");
        var longEnough = await api.PostAsJsonAsync("/api/v1/admin/users", new { username = "long.one", password = AccessFixtures.Password, role = "helpdesk" });
        longEnough.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TheIdleTimeoutSetting_EndsSessions_OpenOnesIncluded()
    {
        using var ops = ConsoleClient.For(_factory);
        await ops.SignInAsync("ops", AccessFixtures.Password);
        (await ops.GetPageAsync("/ui/account")).Response.StatusCode.Should().Be(HttpStatusCode.OK);

        using var api = Api();
        (await api.PutAsJsonAsync(SettingsPath, new Dictionary<string, object?> { ["security.session_idle_minutes"] = 10 })).StatusCode.Should().Be(HttpStatusCode.OK);

        _clock.Advance(TimeSpan.FromMinutes(8));
        (await ops.GetPageAsync("/ui/account")).Response.StatusCode.Should().Be(HttpStatusCode.OK, "8 idle minutes are within the new 10");
        _clock.Advance(TimeSpan.FromMinutes(11));
        (await ops.GetPageAsync("/ui/account")).Response.StatusCode.Should().Be(HttpStatusCode.Redirect, "11 idle minutes exceed the setting, though not the configured 30");

        (await api.PutAsJsonAsync(SettingsPath, new Dictionary<string, object?> { ["security.session_idle_minutes"] = null })).StatusCode.Should().Be(HttpStatusCode.OK);
        using var again = ConsoleClient.For(_factory);
        await again.SignInAsync("ops", AccessFixtures.Password);
        _clock.Advance(TimeSpan.FromMinutes(20));
        (await again.GetPageAsync("/ui/account")).Response.StatusCode.Should().Be(HttpStatusCode.OK, "reset to the default, 30 minutes from configuration apply again");
    }

    [Fact]
    public async Task TheSecurityTab_RendersValidatesAndSaves_WithPostRedirectGet()
    {
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("root", AccessFixtures.Password);

        var (loaded, page) = await console.GetPageAsync("/ui/settings/security");
        loaded.StatusCode.Should().Be(HttpStatusCode.OK);
        var tabs = page.QuerySelectorAll("nav.tabs a").ToList();
        tabs.Select(a => a.GetAttribute("href")).Should().Equal("/ui/settings", "/ui/settings/security", "/ui/settings/directory", "/ui/settings/portal-sign-in", "/ui/settings/approvals", "/ui/settings/email", "/ui/settings/chat", "/ui/settings/maintenance");
        tabs.Single(a => a.GetAttribute("aria-current") == "page").TextContent.Should().Be("Security");
        ((IHtmlInputElement)page.QuerySelector("#setting-security-lockout_threshold")!).Placeholder.Should().Be("10", "the configured default shows");
        page.QuerySelector("#setting-app-title").Should().BeNull("the General settings stay on their own tab");

        var (rejected, rejectedPage) = await console.SubmitAsync("/ui/settings/security", "security-settings", new Dictionary<string, string>
        {
            ["setting:security.password_min_length"] = "11",
            ["setting:security.lockout_threshold"] = "4",
            ["setting:security.session_idle_minutes"] = "soon",
        });
        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        rejectedPage.QuerySelector("#setting-security-password_min_length-error")!.TextContent.Should().Contain("Password minimum length must be between 12 and 128");
        rejectedPage.QuerySelector("#setting-security-session_idle_minutes-error")!.TextContent.Should().Contain("must be a whole number");
        ((IHtmlInputElement)rejectedPage.QuerySelector("#setting-security-lockout_threshold")!).Value.Should().Be("4", "what was typed is kept");
        (await _factory.Services.GetRequiredService<AccessPolicy>().CurrentAsync()).Passwords.LockoutThreshold.Should().Be(10, "nothing was saved");

        var (saved, _) = await console.SubmitAsync("/ui/settings/security", "security-settings", new Dictionary<string, string>
        {
            ["setting:security.password_min_length"] = "16",
            ["setting:security.lockout_threshold"] = "4",
            ["setting:security.session_absolute_hours"] = "12",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(saved).Should().Be("/ui/settings/security?done=saved");

        var rules = await _factory.Services.GetRequiredService<AccessPolicy>().CurrentAsync();
        rules.Passwords.MinimumLength.Should().Be(16);
        rules.Passwords.LockoutThreshold.Should().Be(4);
        rules.SessionLifetime.Should().Be(TimeSpan.FromHours(12));
        rules.SessionIdle.Should().Be(TimeSpan.FromMinutes(30), "a blank field keeps the configured default");
        (await AccessFixtures.AuditAsync(_factory)).Where(e => e.Action == "setting.changed").Select(e => e.EntityId)
            .Should().BeEquivalentTo("security.password_min_length", "security.lockout_threshold", "security.session_absolute_hours");

        var (_, after) = await console.GetPageAsync("/ui/settings/security?done=saved");
        after.QuerySelector(".alert")!.TextContent.Should().Contain("Settings saved.");
        ((IHtmlInputElement)after.QuerySelector("#setting-security-password_min_length")!).Value.Should().Be("16");

        var (general, generalPage) = await console.GetPageAsync("/ui/settings");
        general.StatusCode.Should().Be(HttpStatusCode.OK);
        generalPage.QuerySelectorAll("nav.tabs a").Single(a => a.GetAttribute("aria-current") == "page").TextContent.Should().Be("General");
        generalPage.QuerySelector("#setting-app-title").Should().NotBeNull();
        generalPage.QuerySelector("#setting-security-lockout_threshold").Should().BeNull();
    }
}
