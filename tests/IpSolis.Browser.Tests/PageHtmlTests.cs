using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using IpSolis.Browser.Tests.Infrastructure;

namespace IpSolis.Browser.Tests;

/// <summary>The pages' HTML and the shell's endpoints through plain HTTP: fast checks of what the browser tests rely on.</summary>
[Collection(UiCollection.Name)]
public sealed class PageHtmlTests(UiFixture fixture)
{
    private static readonly HtmlParser Parser = new();

    [Theory]
    [InlineData("/ui")]
    [InlineData("/portal")]
    [InlineData("/ui/does-not-exist")]
    [InlineData("/portal/does-not-exist")]
    public async Task Page_HasNoInlineScriptOrStyle_AndSendsTheContentSecurityPolicy(string path)
    {
        using var client = await fixture.Server.CreateSignedInClientAsync();

        using var response = await client.GetAsync(path);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'").And.Contain("style-src 'self'");
        var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        document.QuerySelectorAll("[style]").Should().BeEmpty("the policy blocks style attributes");
        document.QuerySelectorAll("style").Should().BeEmpty();
        document.Scripts.Should().OnlyContain(s => !string.IsNullOrEmpty(s.Source) && string.IsNullOrWhiteSpace(s.Text));
        document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal))
            .Should().BeEmpty("inline event handlers are scripts too");
        document.QuerySelector("a.skip-link")!.GetAttribute("href").Should().Be("#main");
        document.QuerySelector("main#main").Should().NotBeNull();
    }

    [Theory]
    [InlineData("/ui")]
    [InlineData("/ui/fragments/health")]
    public async Task Console_WithoutASession_SendsToTheSignInPage(string path)
    {
        using var client = fixture.Server.CreateBrowserlikeClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().StartWith("/ui/login");
    }

    [Fact]
    public async Task HealthFragment_RendersThePanelAlone()
    {
        using var client = await fixture.Server.CreateSignedInClientAsync();

        using var response = await client.GetAsync("/ui/fragments/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain("<html").And.NotContain("<body");
        var fragment = Parser.ParseDocument(html).Body!;
        fragment.Children.Should().ContainSingle().Which.ClassList.Should().Contain("health-panel");
        html.Should().Contain("data-check=\"database\"").And.Contain("data-check=\"migrations\"");
    }

    [Fact]
    public async Task Portal_FollowsAcceptLanguage_WhenNoLanguageWasChosen()
    {
        using var client = fixture.Server.CreateBrowserlikeClient(acceptLanguage: "de-DE,de;q=0.9");

        var document = await GetDocumentAsync(client, "/portal");

        document.DocumentElement.GetAttribute("lang").Should().Be("de");
        document.QuerySelector("h1")!.TextContent.Should().Be("Willkommen bei ip·Solis");
        document.Title.Should().Be("Willkommen · ip·Solis");
    }

    [Fact]
    public async Task Admin_StaysEnglish_ForAGermanBrowser()
    {
        using var client = await fixture.Server.CreateSignedInClientAsync(acceptLanguage: "de-DE");

        var document = await GetDocumentAsync(client, "/ui");

        document.DocumentElement.GetAttribute("lang").Should().Be("en");
        document.QuerySelector("h1")!.TextContent.Should().Be("Dashboard");
    }

    [Fact]
    public async Task CultureSwitch_SetsCookie_AndRedirectsBackToTheLocalPage()
    {
        using var client = fixture.Server.CreateBrowserlikeClient();
        var token = await AntiforgeryTokenAsync(client);

        using var response = await client.PostAsync("/portal/culture", Form(token, ("culture", "de"), ("returnUrl", "/portal?from=test")));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/portal?from=test");
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(".AspNetCore.Culture=c%3Dde%7Cuic%3Dde", StringComparison.Ordinal));
        var after = await GetDocumentAsync(client, "/portal");
        after.QuerySelector("h1")!.TextContent.Should().Be("Willkommen bei ip·Solis");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("")]
    public async Task CultureSwitch_SendsForeignReturnUrls_ToThePortalStart(string returnUrl)
    {
        using var client = fixture.Server.CreateBrowserlikeClient();
        var token = await AntiforgeryTokenAsync(client);

        using var response = await client.PostAsync("/portal/culture", Form(token, ("culture", "en"), ("returnUrl", returnUrl)));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/portal");
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData("de-DE; path=/")]
    public async Task CultureSwitch_RejectsUnsupportedCulture_WithoutSettingCookie(string culture)
    {
        using var client = fixture.Server.CreateBrowserlikeClient();
        var token = await AntiforgeryTokenAsync(client);

        using var response = await client.PostAsync("/portal/culture", Form(token, ("culture", culture), ("returnUrl", "/portal")));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.TryGetValues("Set-Cookie", out var cookies).Should().BeFalse(string.Join("; ", cookies ?? []));
    }

    [Fact]
    public async Task CultureSwitch_RejectsAPostWithoutAntiforgeryToken()
    {
        using var client = fixture.Server.CreateBrowserlikeClient();

        using var response = await client.PostAsync("/portal/culture", new FormUrlEncodedContent([new("culture", "de"), new("returnUrl", "/portal")]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task Root_RedirectsToThePortal()
    {
        using var client = fixture.Server.CreateBrowserlikeClient();

        using var response = await client.GetAsync("/");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.Should().Be("/portal");
    }

    [Theory]
    [InlineData("/css/ipsolis.css", "text/css")]
    [InlineData("/js/theme.js", "text/javascript")]
    [InlineData("/js/ipsolis.js", "text/javascript")]
    [InlineData("/icons/ipsolis.svg", "image/svg+xml")]
    public async Task StaticAsset_IsServedByTheApp(string path, string mediaType)
    {
        using var client = fixture.Server.CreateBrowserlikeClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
    }

    private static async Task<IHtmlDocument> GetDocumentAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return Parser.ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The token the portal's language form carries (its cookie stays in the client).</summary>
    private static async Task<string> AntiforgeryTokenAsync(HttpClient client)
    {
        var document = await GetDocumentAsync(client, "/portal");
        return document.QuerySelector("form.language-switcher input[name='__RequestVerificationToken']")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The language form carries no antiforgery token.");
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
}
