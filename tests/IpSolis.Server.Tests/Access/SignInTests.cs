using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Access;

public sealed class SignInTests : IAsyncLifetime
{
    private const string LegacyKey = "legacy-admin-key-for-tests-0123456789abcdef";
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Access:LockoutThreshold"] = "3",
            ["Access:LockoutMinutes"] = "15",
            ["Access:SignInPerUsernamePerMinute"] = "50",
            ["Access:SignInPerAddressPerMinute"] = "100",
            ["Security:AdminApiKey"] = LegacyKey,
        });
        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(HttpResponseMessage Response, string Message)> AttemptAsync(string username, string password, ConsoleClient? browser = null)
    {
        using var own = browser is null ? ConsoleClient.For(_factory) : null;
        var (response, page) = await (browser ?? own!).SubmitAsync("/ui/login", "sign-in", new Dictionary<string, string>
        {
            ["Credentials.Username"] = username,
            ["Credentials.Password"] = password,
        });
        return (response, page.QuerySelector(".alert")?.TextContent.Trim() ?? "");
    }

    [Fact]
    public async Task AWrongPassword_AndAnUnknownUser_GetTheSameAnswer()
    {
        var wrong = await AttemptAsync("root", "not the password at all");
        var unknown = await AttemptAsync("nobody", "not the password at all");

        wrong.Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknown.Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrong.Message.Should().Be(SignInOutcome.WrongCredentials).And.Be(unknown.Message);
        var audit = await AccessFixtures.AuditAsync(_factory);
        audit.Where(e => e.Action == "auth.sign_in_failed").Should().HaveCount(2);
    }

    [Fact]
    public async Task TheRightPassword_SignsIn_AndIsAudited()
    {
        var (response, _) = await AttemptAsync("ROOT", AccessFixtures.Password);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(response).Should().Be("/ui");
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "auth.signed_in" && e.Actor == "admin:session:root:superadmin");
    }

    [Fact]
    public async Task AfterTheThreshold_TheAccountIsLocked_AndToldWhenItUnlocks_EvenWithTheRightPassword()
    {
        await AttemptAsync("root", "wrong password number 1");
        await AttemptAsync("root", "wrong password number 2");
        var third = await AttemptAsync("root", "wrong password number 3");
        var right = await AttemptAsync("root", AccessFixtures.Password);

        third.Response.StatusCode.Should().Be(HttpStatusCode.Locked);
        third.Message.Should().Contain("locked").And.Contain("Try again after");
        right.Response.StatusCode.Should().Be(HttpStatusCode.Locked, "a locked account stays locked until the time it was told");
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "auth.locked_out");
        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<AdminUser>().SingleAsync(u => u.Username == "root")).LockedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task AnUnknownUsername_LocksExactlyLikeARealOne()
    {
        var answers = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 4; i++)
        {
            var attempt = await AttemptAsync("ghost", $"wrong password number {i}");
            answers.Add((attempt.Response.StatusCode, attempt.Message.Split(" Try again after")[0]));
        }

        answers.Select(a => a.Item1).Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Locked, HttpStatusCode.Locked);
        answers[2].Item2.Should().Be("This account is locked after too many failed sign-ins.");
    }

    [Fact]
    public async Task AnOutdatedHash_IsUpgradedAtTheNextSignIn()
    {
        var weak = PasswordHashing.Hash(AccessFixtures.Password, 1_000, System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await AccessFixtures.AddUserAsync(_factory, "old.timer", AdminRole.Admin, passwordHash: weak);

        (await AttemptAsync("old.timer", AccessFixtures.Password)).Response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        await using var db = await AccessFixtures.Contexts(_factory).CreateDbContextAsync();
        (await db.Set<AdminUser>().SingleAsync(u => u.Username == "old.timer")).PasswordHash.Should().StartWith("pbkdf2_sha256$600000$");
    }

    [Fact]
    public async Task AnInactiveAccount_CannotSignIn_AndGetsTheGenericAnswer()
    {
        await AccessFixtures.AddUserAsync(_factory, "retired", AdminRole.Admin, active: false);

        var attempt = await AttemptAsync("retired", AccessFixtures.Password);

        attempt.Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        attempt.Message.Should().Be(SignInOutcome.WrongCredentials);
    }

    [Fact]
    public async Task TheLegacyKey_WithAnEmptyUsername_OpensASuperadminSession()
    {
        using var browser = ConsoleClient.For(_factory);
        var (response, _) = await AttemptAsync("", LegacyKey, browser);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var (page, html) = await browser.GetPageAsync("/ui/admin-users");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(e => e.Action == "auth.signed_in" && e.Actor == "admin:legacy_key");
        (await AttemptAsync("", "not the key")).Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ASafeNextAddress_IsFollowed_ButNeverAnotherSite()
    {
        using var browser = ConsoleClient.For(_factory);
        var (challenge, _) = await browser.GetPageAsync("/ui/api-tokens");
        challenge.StatusCode.Should().Be(HttpStatusCode.Redirect);
        ConsoleClient.RedirectTarget(challenge).Should().Be("/ui/login?next=%2Fui%2Fapi-tokens");

        var (signedIn, _) = await browser.SubmitAsync("/ui/login?next=%2Fui%2Fapi-tokens", "sign-in", new Dictionary<string, string>
        {
            ["Credentials.Username"] = "root",
            ["Credentials.Password"] = AccessFixtures.Password,
        });
        ConsoleClient.RedirectTarget(signedIn).Should().Be("/ui/api-tokens");

        using var other = ConsoleClient.For(_factory);
        var (evil, _) = await other.SubmitAsync("/ui/login?next=%2F%2Fevil.example%2F", "sign-in", new Dictionary<string, string>
        {
            ["Credentials.Username"] = "root",
            ["Credentials.Password"] = AccessFixtures.Password,
        });
        ConsoleClient.RedirectTarget(evil).Should().Be("/ui");
    }
}
