using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Access;

public sealed class FirstRunTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private static Dictionary<string, string> Form(string username, string password = AccessFixtures.Password, string? confirmation = null) => new()
    {
        ["Setup.Username"] = username,
        ["Setup.Password"] = password,
        ["Setup.Confirmation"] = confirmation ?? password,
    };

    [Fact]
    public async Task WithNoAdministrator_TheLoginPageCreatesASuperadminAndSignsIn_ThenBecomesASignInForm()
    {
        using var browser = ConsoleClient.For(_factory);
        var (page, html) = await browser.GetPageAsync("/ui/login");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        html.QuerySelector("h1")!.TextContent.Should().Be("Create first administrator");

        var (created, _) = await browser.SubmitAsync("/ui/login", "first-run", Form("First.Admin"));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(created).Should().Be("/ui");
        var cookie = created.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AdminSessions.CookieName + "=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=lax").And.Contain("path=/");

        (await browser.GetPageAsync("/ui/account")).Response.StatusCode.Should().Be(HttpStatusCode.OK, "the creator is signed in");
        await using (var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync())
        {
            var user = await db.Set<AdminUser>().SingleAsync();
            user.Username.Should().Be("first.admin", "usernames are stored in lower case");
            user.Role.Should().Be(AdminRole.Superadmin);
            user.PasswordHash.Should().StartWith("pbkdf2_sha256$600000$");
        }

        using var stranger = ConsoleClient.For(_factory);
        var (_, after) = await stranger.GetPageAsync("/ui/login");
        after.QuerySelector("h1")!.TextContent.Should().Be("Sign in");
        ConsoleClient.FindForm(after, "first-run").Should().BeNull();
        (await AccessFixtures.AuditAsync(_factory)).Select(e => e.Action).Should().Contain(["admin_user.created", "auth.signed_in"]);
    }

    [Fact]
    public async Task InvalidInput_IsRefusedWithTheReason()
    {
        using var browser = ConsoleClient.For(_factory);
        var (tooShort, page) = await browser.SubmitAsync("/ui/login", "first-run", Form("admin", "short"));
        tooShort.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page.QuerySelector("#setup-password-error")!.TextContent.Should().Contain("at least 12");

        var (mismatch, page2) = await browser.SubmitAsync("/ui/login", "first-run", Form("admin", AccessFixtures.Password, AccessFixtures.Password + "x"));
        mismatch.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page2.QuerySelector("#setup-confirmation-error")!.TextContent.Should().Contain("does not match");

        var (badName, page3) = await browser.SubmitAsync("/ui/login", "first-run", Form("no spaces allowed"));
        badName.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        page3.QuerySelector("#setup-username-error").Should().NotBeNull();

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<AdminUser>().CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ParallelFirstRuns_ExactlyOneWins_TheOthersAreToldToSignIn()
    {
        const int contenders = 8;
        // Every contender loads the form first, as people at several browsers would, then all submit at once.
        var browsers = Enumerable.Range(0, contenders).Select(_ => ConsoleClient.For(_factory)).ToList();
        var prepared = new List<(ConsoleClient Browser, List<KeyValuePair<string, string>> Values)>();
        for (var i = 0; i < contenders; i++)
        {
            var (_, page) = await browsers[i].GetPageAsync("/ui/login");
            var form = ConsoleClient.FindForm(page, "first-run")!;
            var values = form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Where(e => e.Type == "hidden")
                .Select(e => new KeyValuePair<string, string>(e.Name!, e.Value)).ToList();
            values.AddRange(Form($"admin{i}"));
            prepared.Add((browsers[i], values));
        }

        var results = await Task.WhenAll(prepared.Select(p => p.Browser.PostAsync("/ui/login", p.Values)));

        results.Count(r => r.Response.StatusCode == HttpStatusCode.Redirect).Should().Be(1);
        var losers = results.Where(r => r.Response.StatusCode != HttpStatusCode.Redirect).ToList();
        losers.Should().HaveCount(contenders - 1).And.OnlyContain(r => r.Response.StatusCode == HttpStatusCode.Conflict,
            string.Join(" | ", losers.Select(l => $"{(int)l.Response.StatusCode}: {l.Page.Body?.TextContent}")));
        losers.Should().OnlyContain(r => r.Page.Body!.TextContent.Contains("An administrator already exists — sign in", StringComparison.Ordinal));
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<AdminUser>().CountAsync()).Should().Be(1);
        foreach (var browser in browsers)
            browser.Dispose();
    }
}
