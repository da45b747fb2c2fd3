using IpSolis.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests;

/// <summary>What a person does in the shell with a real browser: read the health, switch language and theme, use the keyboard.</summary>
[Collection(UiCollection.Name)]
public sealed class ShellBehaviourTests(UiFixture fixture)
{
    [Fact]
    public async Task Dashboard_ShowsDatabaseCheck_AndThisNode()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        await watched.GoToAsync("/ui");
        var page = watched.Page;

        var database = page.Locator("[data-check='database']");
        (await database.Locator("h3").TextContentAsync()).Should().Be("Database");
        (await database.Locator(".badge").TextContentAsync()).Should().Be("OK");
        (await database.TextContentAsync()).Should().Contain("sqlite").And.Contain(" ms");
        (await page.Locator("[data-check]").CountAsync()).Should().BeGreaterThanOrEqualTo(3);
        (await page.Locator("[data-node-id]").CountAsync()).Should().Be(1, "this test server is the one live node");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("en");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task Dashboard_HealthArea_RefreshesFromTheServerEveryFifteenSeconds()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        var page = watched.Page;
        await page.Clock.InstallAsync();
        await watched.GoToAsync("/ui");
        // Mark the rendered panel: after a refresh the mark is gone because the content was replaced.
        await page.EvaluateAsync("document.querySelector('#health-panel .health-panel').dataset.before = 'yes'");
        var fragment = page.WaitForResponseAsync(r => r.Url.EndsWith("/ui/fragments/health", StringComparison.Ordinal));

        await page.Clock.RunForAsync(16_000);
        (await fragment).Status.Should().Be(200);

        await page.Locator("[data-refresh-status='health-panel']").Filter(new() { HasTextString = "Updated" }).WaitForAsync();
        (await page.Locator("#health-panel .health-panel[data-before]").CountAsync()).Should().Be(0);
        (await page.Locator("#health-panel > .health-panel").CountAsync()).Should().Be(1);
        (await page.Locator("#health-panel .admin-shell, #health-panel .skip-link").CountAsync()).Should().Be(0, "the fragment is the panel alone, not a page");
        (await page.Locator("#health-panel [data-check='database'] .badge").TextContentAsync()).Should().Be("OK");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task Portal_LanguageSwitcher_ShowsGermanAndRemembersIt()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        await watched.GoToAsync("/portal");
        var page = watched.Page;
        (await page.Locator("h1").TextContentAsync()).Should().Be("Welcome to ip·Solis");

        await page.Locator("form.language-switcher button[value='de']").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        new Uri(page.Url).AbsolutePath.Should().Be("/portal", "the switcher redirects back to the page it was used on");
        (await page.Locator("h1").TextContentAsync()).Should().Be("Willkommen bei ip·Solis");
        (await page.Locator("html").GetAttributeAsync("lang")).Should().Be("de");
        (await page.Locator(".skip-link").TextContentAsync()).Should().Be("Zum Hauptinhalt springen");
        (await page.Locator("form.language-switcher button[value='de']").GetAttributeAsync("aria-pressed")).Should().Be("true");
        await watched.ScreenshotAsync("portal-1440-light-de");

        await watched.GoToAsync("/portal");
        (await page.Locator("h2#portal-purpose").TextContentAsync()).Should().Be("Wofür dieses Portal da ist");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task ThemeToggle_SwitchesToDark_AndKeepsItAfterReload()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440, ColorScheme.Light);
        await watched.GoToAsync("/portal");
        var page = watched.Page;
        var toggle = page.Locator("[data-theme-toggle]");
        (await toggle.GetAttributeAsync("aria-pressed")).Should().Be("false");
        var lightBackground = await BodyBackgroundAsync(page);

        await toggle.ClickAsync();

        (await page.Locator("html").GetAttributeAsync("data-theme")).Should().Be("dark");
        (await toggle.GetAttributeAsync("aria-pressed")).Should().Be("true");
        var darkBackground = await BodyBackgroundAsync(page);
        darkBackground.Should().NotBe(lightBackground);

        await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
        (await page.Locator("html").GetAttributeAsync("data-theme")).Should().Be("dark", "the choice is kept in localStorage");
        (await BodyBackgroundAsync(page)).Should().Be(darkBackground);

        await page.Locator("[data-theme-toggle]").ClickAsync();
        (await page.Locator("html").GetAttributeAsync("data-theme")).Should().Be("light");
        watched.ShouldHaveNoProblems();
    }

    [Theory]
    [InlineData("/ui")]
    [InlineData("/portal")]
    public async Task FirstTab_ReachesTheSkipLink_WithAVisibleFocusOutline(string path)
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        await watched.GoToAsync(path);
        var page = watched.Page;

        await page.Keyboard.PressAsync("Tab");

        var focused = await page.EvaluateAsync<string>("document.activeElement.className");
        focused.Should().Contain("skip-link");
        var outline = await page.EvaluateAsync<string[]>(
            "(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()");
        outline[0].Should().NotBe("none");
        double.Parse(outline[1].Replace("px", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(2);
        var box = await page.Locator(".skip-link").BoundingBoxAsync();
        box.Should().NotBeNull();
        box!.Y.Should().BeGreaterThanOrEqualTo(0, "the focused skip link is on screen");
        await watched.ScreenshotAsync($"{path.Trim('/')}-skip-link-focus");

        await page.Keyboard.PressAsync("Enter");
        (await page.EvaluateAsync<string>("document.activeElement.id")).Should().Be("main");
        watched.ShouldHaveNoProblems();
    }

    [Theory]
    [InlineData("/ui/no-such-page", "Go to the dashboard")]
    [InlineData("/portal/no-such-page", "Go to the portal start page")]
    public async Task UnknownAddress_ShowsHelpfulNotFoundPage(string path, string way)
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, 375);
        watched.ExpectErrorStatusFor(path);

        var response = await watched.GoToAsync(path);

        response.Status.Should().Be(404);
        (await watched.Page.Locator("h1").TextContentAsync()).Should().Be("Page not found");
        (await watched.Page.Locator(".not-found-path").TextContentAsync()).Should().Be(path);
        (await watched.Page.GetByRole(AriaRole.Link, new() { Name = way }).CountAsync()).Should().Be(1);
        await watched.ScreenshotAsync($"{path.Split('/')[1]}-not-found-375");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task DataConfirm_StopsTheActionUnlessConfirmed()
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        await watched.GoToAsync("/portal");
        var page = watched.Page;
        // No page needs a confirmation yet, so the test adds a link the way a page would mark one.
        await page.EvaluateAsync("""
            (() => { const a = document.createElement('a'); a.id = 'risky'; a.href = '/ui'; a.textContent = 'Go';
                     a.setAttribute('data-confirm', 'Really leave?'); document.querySelector('main').append(a); })()
            """);

        string? asked = null;
        async void Dismiss(object? sender, IDialog dialog) { asked = dialog.Message; await dialog.DismissAsync(); }
        page.Dialog += Dismiss;
        await page.Locator("#risky").ClickAsync();
        page.Dialog -= Dismiss;

        asked.Should().Be("Really leave?");
        new Uri(page.Url).AbsolutePath.Should().Be("/portal", "a dismissed confirmation cancels the navigation");

        async void Accept(object? sender, IDialog dialog) => await dialog.AcceptAsync();
        page.Dialog += Accept;
        await page.Locator("#risky").ClickAsync();
        await page.WaitForURLAsync("**/ui");
        watched.ShouldHaveNoProblems();
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
}
