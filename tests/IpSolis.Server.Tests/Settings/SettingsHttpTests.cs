using System.Net;
using System.Net.Http.Json;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Settings;

/// <summary>Settings through the API, the /ui/settings page, the logo endpoint and the setup checklist.</summary>
public sealed class SettingsHttpTests : IAsyncLifetime
{
    private const string LegacyKey = "settings-tests-legacy-key-0123456789";
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() =>
        _factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Security:AdminApiKey"] = LegacyKey });

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Superadmin()
    {
        var client = AccessFixtures.ApiClient(_factory);
        client.DefaultRequestHeaders.Add("X-Admin-Key", LegacyKey);
        return client;
    }

    [Fact]
    public async Task Api_ListsSettings_ChangesThemAllOrNothing_AndNeverReturnsSecretsOrUploads()
    {
        using var api = Superadmin();
        var initial = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/admin/settings"));
        initial.GetProperty("app.title").GetString().Should().Be("ip·Solis");
        initial.GetProperty("app.logo").GetProperty("set").GetBoolean().Should().BeFalse();

        var bad = await api.PutAsJsonAsync("/api/v1/admin/settings", new Dictionary<string, object?> { ["app.title"] = "New", ["app.time_zone"] = "Nowhere/Land" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await AccessFixtures.JsonAsync(bad)).GetProperty("errors").GetProperty("app.time_zone")[0].GetString().Should().Contain("not a known IANA time zone");

        var good = await api.PutAsJsonAsync("/api/v1/admin/settings", new Dictionary<string, object?>
        {
            ["app.title"] = "Contoso IT",
            ["app.public_base_url"] = "https://it.contoso.example",
            ["app.logo"] = new { set = false },
        });
        good.StatusCode.Should().Be(HttpStatusCode.OK, await good.Content.ReadAsStringAsync());
        var saved = await AccessFixtures.JsonAsync(good);
        saved.GetProperty("app.title").GetString().Should().Be("Contoso IT");
        saved.GetProperty("app.public_base_url").GetString().Should().Be("https://it.contoso.example");
        (await AccessFixtures.AuditAsync(_factory)).Where(e => e.Action == "setting.changed").Should().HaveCount(2)
            .And.OnlyContain(e => e.Actor == "admin:legacy_key");
    }

    [Fact]
    public async Task Api_ChangingSettings_NeedsASuperadmin()
    {
        var admin = await AccessFixtures.AddUserAsync(_factory, "plain.admin", AdminRole.Admin);
        var (_, token) = await AccessFixtures.AddTokenAsync(_factory, admin);
        using var api = AccessFixtures.ApiClient(_factory, token);

        (await api.GetAsync("/api/v1/admin/settings")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.PutAsJsonAsync("/api/v1/admin/settings", new Dictionary<string, string> { ["app.title"] = "Mine" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await AccessFixtures.ApiClient(_factory).GetAsync("/api/v1/admin/settings")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SettingsPage_ValidatesSavesWithPostRedirectGet_AndUploadsAPngLogo()
    {
        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("root", AccessFixtures.Password);

        var (rejected, rejectedPage) = await console.SubmitAsync("/ui/settings", "general-settings", new Dictionary<string, string>
        {
            ["setting:app.title"] = "Contoso IT",
            ["setting:app.public_base_url"] = "not a url",
            ["setting:app.time_zone"] = "Europe/Berlin",
        });
        rejected.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        rejectedPage.QuerySelector("#setting-app-public_base_url-error")!.TextContent.Should().Contain("absolute http:// or https:// URL");
        ((AngleSharp.Html.Dom.IHtmlInputElement)rejectedPage.QuerySelector("#setting-app-title")!).Value.Should().Be("Contoso IT", "what was typed is kept");

        var (saved, _) = await console.SubmitAsync("/ui/settings", "general-settings", new Dictionary<string, string>
        {
            ["setting:app.title"] = "Contoso IT",
            ["setting:app.public_base_url"] = "https://it.contoso.example",
            ["setting:app.time_zone"] = "Europe/Berlin",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(saved).Should().Be("/ui/settings?done=saved");
        (await _factory.Services.GetRequiredService<SettingsStore>().GetAsync(GeneralSettings.DefaultTimeZone)).Id.Should().Be("Europe/Berlin");

        var (_, page) = await console.GetPageAsync("/ui/settings");
        var token = ConsoleClient.AntiforgeryToken(page, "/ui/settings/logo");
        using var svg = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent("<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray()), "logo", "logo.png" },
        };
        var svgResponse = await console.Http.PostAsync("/ui/settings/logo", svg);
        ConsoleClient.RedirectTarget(svgResponse).Should().Be("/ui/settings?error=logo-type");

        using var png = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(BrandLogoTests.Png), "logo", "logo.png" },
        };
        ConsoleClient.RedirectTarget(await console.Http.PostAsync("/ui/settings/logo", png)).Should().Be("/ui/settings?done=logo");

        using var anonymous = AccessFixtures.ApiClient(_factory);
        var logo = await anonymous.GetAsync("/branding/logo");
        logo.StatusCode.Should().Be(HttpStatusCode.OK);
        logo.Content.Headers.ContentType!.MediaType.Should().Be("image/png");
        logo.Headers.GetValues("X-Content-Type-Options").Should().Contain("nosniff");
        (await logo.Content.ReadAsByteArrayAsync()).Should().Equal(BrandLogoTests.Png);
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.EntityId == "app.logo" && e.NewValues!.Contains("image/png, 16 bytes"));
    }

    [Fact]
    public async Task LogoUpload_WithoutAntiforgery_IsRefused()
    {
        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("root", AccessFixtures.Password);
        using var png = new MultipartFormDataContent { { new ByteArrayContent(BrandLogoTests.Png), "logo", "logo.png" } };

        var response = await console.Http.PostAsync("/ui/settings/logo", png);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _factory.Services.GetRequiredService<SettingsStore>().GetAsync(GeneralSettings.Logo)).Should().BeNull();
    }

    [Fact]
    public async Task SetupChecklist_TicksStepsAsTheyAreDone()
    {
        using var api = Superadmin();
        var before = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/admin/setup/state"));
        Steps(before).Should().Contain(("administrator", false)).And.Contain(("base_url", false)).And.Contain(("branding", false));
        before.GetProperty("complete").GetBoolean().Should().BeFalse();

        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        await _factory.Services.GetRequiredService<SettingsStore>().SaveAsync(new Dictionary<string, string?>
        {
            ["app.title"] = "Contoso IT",
            ["app.public_base_url"] = "https://it.contoso.example",
        }, AuditActor.System("test"));

        var after = await AccessFixtures.JsonAsync(await api.GetAsync("/api/v1/admin/setup/state"));
        Steps(after).Should().Contain(("administrator", true)).And.Contain(("base_url", true)).And.Contain(("branding", true));
        after.GetProperty("items").EnumerateArray().First(i => i.GetProperty("key").GetString() == "base_url")
            .GetProperty("link").GetString().Should().Be("/ui/settings");
    }

    private static List<(string, bool)> Steps(System.Text.Json.JsonElement state) =>
        [.. state.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("key").GetString()!, i.GetProperty("done").GetBoolean()))];
}
