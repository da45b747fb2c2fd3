using System.Net;
using System.Text.Json;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.PersonDirectory;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Oidc;

/// <summary>
/// Portal sign-in through the real OpenID Connect test provider, end to end through the real host: the happy path,
/// the portal's own session, audit, return URLs and RP-initiated logout.
/// </summary>
[Collection(OidcProviderCollection.Name)]
public sealed class OidcSignInTests : IAsyncLifetime
{
    private readonly AdjustableClock _clock = new();
    private OidcHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await OidcHost.StartAsync(services: services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SignIn_ThroughTheProvider_StartsAPortalSessionAsThatPerson()
    {
        var (browser, target) = await _host.SignInAsync("alice");
        using var _ = browser;

        target.Should().Be("/portal");
        var (response, page) = await browser.GetPageAsync("/portal");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".portal-user-name")!.TextContent.Should().Be("Alice Adams");
        page.QuerySelector(".portal-user")!.GetAttribute("title").Should().Be("alice@example.com");

        await using var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync();
        var session = await db.Set<PortalSession>().AsNoTracking().SingleAsync();
        session.Email.Should().Be("alice@example.com");
        session.Method.Should().Be("oidc");
        var link = await db.Set<Features.Portal.Oidc.PortalOidcSession>().AsNoTracking().SingleAsync();
        (link.PortalSessionId, link.ProviderId, link.Subject, link.Issuer).Should().Be((session.Id, OidcHost.ProviderId, "alice", OidcTestProvider.Issuer));

        var signedIn = (await _host.AuditAsync("portal.signed_in")).Should().ContainSingle().Subject;
        signedIn.Actor.Should().Be("portal:user:alice@example.com");
        using var values = JsonDocument.Parse(signedIn.NewValues!);
        values.RootElement.GetProperty("method").GetString().Should().Be("oidc");
        values.RootElement.GetProperty("provider").GetString().Should().Be(OidcHost.ProviderId);
        values.RootElement.GetProperty("subject").GetString().Should().Be("alice");
    }

    [Fact]
    public async Task SignIn_UsesTheAdminCookieNever_AndThePortalCookieOpensNoConsolePage()
    {
        var (browser, _) = await _host.SignInAsync("alice");
        using var _ = browser;
        browser.SessionCookie.Should().BeNull("the portal has its own cookie");
        var (console, _) = await browser.GetPageAsync("/ui");
        console.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(console).Should().StartWith("/ui/login");
    }

    [Fact]
    public async Task SignIn_ReturnsToTheLocalPortalPageItStartedFrom()
    {
        var (browser, target) = await _host.SignInAsync("alice", "/portal/my-it?tab=open");
        using var _ = browser;
        target.Should().Be("/portal/my-it?tab=open");
    }

    [Theory]
    [InlineData("https://evil.example/portal")]
    [InlineData("//evil.example/portal")]
    [InlineData("/\\evil.example")]
    [InlineData("/ui/settings")]
    public async Task SignIn_NeverReturnsOffThePortal(string returnUrl)
    {
        var (browser, target) = await _host.SignInAsync("alice", returnUrl);
        using var _ = browser;
        target.Should().Be("/portal");
    }

    [Fact]
    public async Task SignIn_HtmlInTheProvidersNameClaim_IsShownAsText()
    {
        var (browser, _) = await _host.SignInAsync("dave");
        using var _ = browser;
        var (_, page) = await browser.GetPageAsync("/portal");
        page.QuerySelector(".portal-user-name")!.TextContent.Should().Be("Dave <script>alert(1)</script> Davis");
        page.QuerySelectorAll(".portal-user-name script").Should().BeEmpty();
    }

    [Fact]
    public async Task SignIn_AfterTheProviderRotatedItsKeys_FetchesTheNewKeyAndSucceeds()
    {
        var (first, _) = await _host.SignInAsync("alice");
        first.Dispose();
        await OidcTestProvider.RotateKeysAsync();
        // Past the JWKS refetch interval: a refetch on an unknown kid is allowed only once in a while.
        _clock.Advance(TimeSpan.FromMinutes(1));

        var (second, target) = await _host.SignInAsync("carol");
        using var _ = second;
        target.Should().Be("/portal");
        (await _host.AuditAsync("portal.sign_in_failed")).Should().BeEmpty();
        (await _host.AuditAsync("portal.signed_in")).Should().HaveCount(2);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndSendsTheBrowserToTheProvidersEndSessionEndpoint()
    {
        var (browser, _) = await _host.SignInAsync("alice");
        using var _ = browser;
        var (response, page) = await browser.SubmitAsync("/portal", "/portal/logout", new Dictionary<string, string>());

        // A page that moves on by itself, not a redirect: the CSP's form-action 'self' stops a form post from
        // being redirected to another site.
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var location = new Uri(page.QuerySelector("a#provider-sign-out")!.GetAttribute("href")!);
        page.QuerySelector("meta[http-equiv='refresh']")!.GetAttribute("content").Should().Be("0;url=" + location.AbsoluteUri);
        page.QuerySelector("main")!.TextContent.Should().Contain("Signing you out at Test Provider");
        location.GetLeftPart(UriPartial.Path).Should().Be(OidcTestProvider.Issuer + "/session/end");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        query["client_id"].ToString().Should().Be(OidcTestProvider.ClientId);
        query["post_logout_redirect_uri"].ToString().Should().Be("http://localhost/portal/login?signedOut=1");
        (await _host.LiveSessionsAsync()).Should().Be(0);
        (await _host.AuditAsync("portal.signed_out")).Should().ContainSingle();

        // The provider accepts the request (shows its sign-out confirmation), so the address is one it honours.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var atProvider = await http.GetAsync(location);
        atProvider.StatusCode.Should().Be(HttpStatusCode.OK, await atProvider.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Picker_ShowsThePasswordFormAndTheProvider_WhenBothAreEnabled()
    {
        using var browser = ConsoleClient.For(_host.Factory);
        var (response, page) = await browser.GetPageAsync("/portal/login?returnUrl=%2Fportal%2Fmy-it");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        ConsoleClient.FindForm(page, "portal-sign-in").Should().NotBeNull();
        var link = page.QuerySelector($"a[data-provider='{OidcHost.ProviderId}']")!;
        link.TextContent.Should().Be("Sign in with Test Provider");
        link.GetAttribute("href").Should().Be("/portal/auth/oidc/test?returnUrl=%2Fportal%2Fmy-it");
    }
}
