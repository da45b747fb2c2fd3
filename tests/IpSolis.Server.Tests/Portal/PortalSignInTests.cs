using System.Net;
using AngleSharp.Html.Dom;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.PersonDirectory;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Portal;

/// <summary>Portal sign-in with local-directory people: its own session cookie, generic failures, lockout, audit, sign-out.</summary>
public sealed class PortalSignInTests : IAsyncLifetime
{
    private const string Wrong = "Email or password is wrong";
    private readonly AdjustableClock _clock = new();
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync(
            new Dictionary<string, string?>
            {
                ["Access:LockoutThreshold"] = "3",
                ["Access:LockoutMinutes"] = "15",
                ["Access:SignInPerUsernamePerMinute"] = "50",
                ["Access:SignInPerAddressPerMinute"] = "200",
            },
            services => services.AddSingleton<TimeProvider>(_clock));
        await DirectoryFixtures.AddPersonAsync(_factory, "anna.schmidt@example.com", "Anna Schmidt", username: "aschmidt");
        await DirectoryFixtures.AddPersonAsync(_factory, "clara.walter@example.com", "Clara Walter", active: false);
        await DirectoryFixtures.AddPersonAsync(_factory, "no.password@example.com", "No Password", withPassword: false);
        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Task<(HttpResponseMessage Response, IHtmlDocument Page)> AttemptAsync(ConsoleClient browser, string login, string password, string path = "/portal/login") =>
        browser.SubmitAsync(path, "portal-sign-in", new Dictionary<string, string>
        {
            ["Credentials.Login"] = login,
            ["Credentials.Password"] = password,
        });

    private async Task<(HttpResponseMessage Response, string Message)> AttemptAsync(string login, string password)
    {
        using var browser = ConsoleClient.For(_factory);
        var (response, page) = await AttemptAsync(browser, login, password);
        return (response, page.QuerySelector(".alert")?.TextContent.Trim() ?? "");
    }

    private async Task<ConsoleClient> SignedInAsync(string login = "anna.schmidt@example.com") => (await SignInAsync(login)).Browser;

    /// <summary>A browser signed in as <paramref name="login"/>, and the secret its portal cookie holds.</summary>
    private async Task<(ConsoleClient Browser, string Secret)> SignInAsync(string login = "anna.schmidt@example.com")
    {
        var browser = ConsoleClient.For(_factory);
        var (response, page) = await AttemptAsync(browser, login, DirectoryFixtures.Password);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, page.QuerySelector(".alert")?.TextContent);
        var cookie = PortalCookie(response);
        return (browser, cookie[(cookie.IndexOf('=') + 1)..cookie.IndexOf(';')]);
    }

    /// <summary>The name in the portal's top bar, or null when the portal shows the visitor as signed out.</summary>
    private static async Task<string?> SignedInNameAsync(ConsoleClient browser)
    {
        var (response, page) = await browser.GetPageAsync("/portal");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return page.QuerySelector(".portal-user-name")?.TextContent.Trim();
    }

    private static string PortalCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(PortalUser.CookieName + "=", StringComparison.Ordinal));

    [Theory]
    [InlineData("anna.schmidt@example.com")]
    [InlineData(" Anna.Schmidt@EXAMPLE.com ")]
    [InlineData("ASCHMIDT")]
    public async Task TheRightPassword_SetsThePortalCookie_AndGoesBackWhereTheVisitorWas(string login)
    {
        using var browser = ConsoleClient.For(_factory);
        var (response, _) = await AttemptAsync(browser, login, DirectoryFixtures.Password, "/portal/login?returnUrl=%2Fportal%2Fmy-it%3Ftab%3D1");

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(response).Should().Be("/portal/my-it?tab=1");
        var cookie = PortalCookie(response).ToLowerInvariant();
        cookie.Should().Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/portal");
        cookie.Should().NotContain("expires", "the portal session is a browser-session cookie; its lifetime is kept on the server");
        response.Headers.GetValues("Set-Cookie").Should().NotContain(c => c.StartsWith(AdminSessions.CookieName + "=", StringComparison.Ordinal));
        (await SignedInNameAsync(browser)).Should().Be("Anna Schmidt");
        (await AccessFixtures.AuditAsync(_factory)).Should().ContainSingle(e => e.Action == "portal.signed_in")
            .Which.Actor.Should().Be("portal:user:anna.schmidt@example.com");
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("/ui/admin-users")]
    [InlineData("/portal/login")]
    public async Task AReturnUrlOutsideThePortal_IsIgnored(string returnUrl)
    {
        using var browser = ConsoleClient.For(_factory);
        var (response, _) = await AttemptAsync(browser, "anna.schmidt@example.com", DirectoryFixtures.Password, "/portal/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(response).Should().Be("/portal");
    }

    [Fact]
    public async Task AWrongPassword_AnUnknownPerson_AnInactivePerson_AndOneWithoutPassword_AllGetTheSameAnswer()
    {
        var attempts = new[]
        {
            await AttemptAsync("anna.schmidt@example.com", "not the password at all"),
            await AttemptAsync("nobody@example.com", DirectoryFixtures.Password),
            await AttemptAsync("clara.walter@example.com", DirectoryFixtures.Password),
            await AttemptAsync("no.password@example.com", ""),
        };

        attempts.Should().OnlyContain(a => a.Response.StatusCode == HttpStatusCode.Unauthorized && a.Message == Wrong);
        attempts.Should().OnlyContain(a => !a.Response.Headers.Contains("Set-Cookie") || a.Response.Headers.GetValues("Set-Cookie").All(c => !c.StartsWith(PortalUser.CookieName, StringComparison.Ordinal)));
        var failures = (await AccessFixtures.AuditAsync(_factory)).Where(e => e.Action == "portal.sign_in_failed").ToList();
        failures.Should().HaveCount(4).And.OnlyContain(e => e.Actor == "anonymous");
        failures.Select(e => e.NewValues).Should().SatisfyRespectively(
            v => v.Should().Contain("wrong_password"),
            v => v.Should().Contain("unknown_user"),
            v => v.Should().Contain("inactive"),
            v => v.Should().Contain("no_password"));
        await using var db = await DirectoryFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<PortalSession>().CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task AfterTheThreshold_TheLoginIsLocked_EvenWithTheRightPassword_AndUnknownLoginsLockAlike()
    {
        for (var i = 1; i <= 2; i++)
            (await AttemptAsync("anna.schmidt@example.com", $"wrong password {i}")).Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var third = await AttemptAsync("aschmidt", "wrong password 3");
        var right = await AttemptAsync("anna.schmidt@example.com", DirectoryFixtures.Password);
        for (var i = 1; i <= 2; i++)
            await AttemptAsync("ghost@example.com", $"wrong password {i}");
        var ghost = await AttemptAsync("ghost@example.com", "wrong password 3");

        third.Response.StatusCode.Should().Be(HttpStatusCode.Locked);
        third.Message.Should().Contain("Too many failed sign-ins").And.Contain("Try again after");
        right.Response.StatusCode.Should().Be(HttpStatusCode.Locked);
        ghost.Response.StatusCode.Should().Be(HttpStatusCode.Locked);
        ghost.Message.Should().Contain("Too many failed sign-ins");
        (await DirectoryFixtures.PersonAsync(_factory, "anna.schmidt@example.com")).LockedAt.Should().NotBeNull();
        (await AccessFixtures.AuditAsync(_factory)).Should().ContainSingle(e => e.Action == "portal.locked_out");

        _clock.Advance(TimeSpan.FromMinutes(16));
        (await AttemptAsync("anna.schmidt@example.com", DirectoryFixtures.Password)).Response.StatusCode.Should().Be(HttpStatusCode.Redirect, "the lock ends by itself");
    }

    [Fact]
    public async Task TheLoginPost_WithoutTheAntiforgeryToken_IsRejected_AndChangesNothing()
    {
        using var browser = ConsoleClient.For(_factory);
        var (response, _) = await browser.PostAsync("/portal/login", new Dictionary<string, string>
        {
            ["_handler"] = "portal-sign-in",
            ["Credentials.Login"] = "anna.schmidt@example.com",
            ["Credentials.Password"] = DirectoryFixtures.Password,
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
        (await AccessFixtures.AuditAsync(_factory)).Should().NotContain(e => e.Action.StartsWith("portal.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOut_IsAPost_EndsTheSessionServerSide_AndIsAudited()
    {
        var (browser, stolen) = await SignInAsync();
        using var _ = browser;

        (await browser.Http.GetAsync("/portal/logout")).StatusCode.Should().NotBe(HttpStatusCode.Redirect, "a GET never signs anyone out");
        (await SignedInNameAsync(browser)).Should().Be("Anna Schmidt");

        // The sign-out button sits in the top bar of every portal page, the public start page included.
        var (signedOut, _) = await browser.SubmitAsync("/portal", "/portal/logout", new Dictionary<string, string>());

        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(signedOut).Should().Be("/portal/login?signedOut=1");
        (await SignedInNameAsync(browser)).Should().BeNull();
        var (_, loginPage) = await browser.GetPageAsync("/portal/login?signedOut=1");
        loginPage.QuerySelector(".alert")!.TextContent.Should().Contain("You are signed out.");

        using var thief = ThiefWith(stolen);
        var (_, thiefPage) = await thief.GetPageAsync("/portal");
        thiefPage.QuerySelector(".portal-user-name").Should().BeNull("the session ended on the server, not just in the browser");
        (await AccessFixtures.AuditAsync(_factory)).Should().ContainSingle(e => e.Action == "portal.signed_out")
            .Which.Actor.Should().Be("portal:user:anna.schmidt@example.com");
    }

    [Fact]
    public async Task TheTopBar_ShowsTheNavigationAndTheUser_WhenSignedIn_AndASignInLinkOtherwise()
    {
        using var visitor = ConsoleClient.For(_factory);
        var (_, anonymous) = await visitor.GetPageAsync("/portal");
        anonymous.QuerySelector(".portal-nav").Should().BeNull();
        anonymous.QuerySelectorAll(".portal-tools a").Should().Contain(a => a.GetAttribute("href") == "/portal/login" && a.TextContent.Trim() == "Sign in");

        using var anna = await SignedInAsync();
        var (_, page) = await anna.GetPageAsync("/portal");
        page.QuerySelectorAll(".portal-nav a").Select(a => a.GetAttribute("href")).Should().Equal("/portal/catalog", "/portal/my-it", "/portal/orders", "/portal/approvals");
        page.QuerySelector(".portal-user")!.GetAttribute("title").Should().Be("anna.schmidt@example.com");
        ConsoleClient.FindForm(page, "/portal/logout").Should().NotBeNull();
        page.QuerySelectorAll(".portal-tools a").Should().NotContain(a => a.TextContent.Trim() == "Sign in");

        (await anna.GetPageAsync("/portal/login")).Response.StatusCode.Should().Be(HttpStatusCode.Redirect, "a signed-in visitor has nothing to do on the sign-in page");
    }

    [Fact]
    public async Task AnAdminCookie_DoesNotOpenThePortal()
    {
        using var admin = ConsoleClient.For(_factory);
        await admin.SignInAsync("root", AccessFixtures.Password);
        admin.SessionCookie.Should().NotBeNull();

        (await SignedInNameAsync(admin)).Should().BeNull();
        var (catalog, _) = await admin.GetPageAsync("/portal/catalog");
        catalog.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(catalog).Should().Be("/portal/login?returnUrl=%2Fportal%2Fcatalog");

        using var forged = ThiefWith(admin.SessionCookie!);
        var (forgedCatalog, _) = await forged.GetPageAsync("/portal/catalog");
        forgedCatalog.StatusCode.Should().Be(HttpStatusCode.Redirect, "an admin secret in the portal cookie is no portal session");
    }

    [Fact]
    public async Task APortalCookie_DoesNotOpenTheConsoleOrTheApi()
    {
        var (anna, secret) = await SignInAsync();
        using var _ = anna;

        var (console, _) = await anna.GetPageAsync("/ui");
        console.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(console).Should().StartWith("/ui/login");

        using var raw = AccessFixtures.ApiClient(_factory);
        raw.DefaultRequestHeaders.Add("Cookie", $"{PortalUser.CookieName}={secret}; {AdminSessions.CookieName}={secret}");
        (await raw.GetAsync("/api/v1/admin/users")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var html = new HttpRequestMessage(HttpMethod.Get, "/ui") { Headers = { { "Accept", "text/html" } } };
        var consoleWithBoth = await raw.SendAsync(html);
        consoleWithBoth.StatusCode.Should().Be(HttpStatusCode.Redirect, "a portal secret is no console session");
    }

    [Fact]
    public async Task TheSession_EndsAfterEightIdleHours()
    {
        using var anna = await SignedInAsync();

        _clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        (await SignedInNameAsync(anna)).Should().BeNull();
    }

    [Fact]
    public async Task TheIdleTimeout_Slides_WithEachVisit()
    {
        using var anna = await SignedInAsync();

        _clock.Advance(TimeSpan.FromHours(7));
        (await SignedInNameAsync(anna)).Should().Be("Anna Schmidt");
        _clock.Advance(TimeSpan.FromHours(4));
        (await SignedInNameAsync(anna)).Should().Be("Anna Schmidt", "11 hours after sign-in, but only 4 since the last visit");
    }

    [Fact]
    public async Task TheSession_EndsTwelveHoursAfterSignIn_HoweverActive()
    {
        using var anna = await SignedInAsync();
        for (var hour = 0; hour < 11; hour++)
        {
            _clock.Advance(TimeSpan.FromHours(1));
            (await SignedInNameAsync(anna)).Should().Be("Anna Schmidt");
        }

        _clock.Advance(TimeSpan.FromHours(1));
        (await SignedInNameAsync(anna)).Should().BeNull();
    }

    [Fact]
    public async Task TheSignInPage_SpeaksGerman_WhenChosen()
    {
        using var browser = ConsoleClient.For(_factory);
        (await browser.SubmitAsync("/portal/login", "/portal/culture", new Dictionary<string, string> { ["culture"] = "de" })).Response.StatusCode
            .Should().Be(HttpStatusCode.Redirect);

        var (response, page) = await AttemptAsync(browser, "anna.schmidt@example.com", "falsches Passwort");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        page.QuerySelector(".alert")!.TextContent.Trim().Should().Be("E-Mail oder Passwort ist falsch");
        page.QuerySelector("label[for=portal-login]")!.TextContent.Should().Contain("E-Mail oder Benutzername");
        page.DocumentElement.GetAttribute("lang").Should().Be("de");
    }

    private ConsoleClient ThiefWith(string secret)
    {
        var thief = ConsoleClient.For(_factory);
        thief.Http.DefaultRequestHeaders.Add("Cookie", $"{PortalUser.CookieName}={secret}");
        return thief;
    }
}
