using System.Net;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.PersonDirectory.Ldap;

/// <summary>Portal sign-in when the directory in use is LDAP: bind as the person, lockout, audit, sign-out.</summary>
public sealed class LdapPortalSignInTests : IAsyncLifetime
{
    private readonly LdapTestServer _server = LdapTestServer.Shared;
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Access:LockoutThreshold"] = "3",
            ["Access:LockoutMinutes"] = "15",
            ["Access:SignInPerUsernamePerMinute"] = "50",
            ["Access:SignInPerAddressPerMinute"] = "200",
        });
        await LdapTestServer.ConfigureAsync(_factory, _server.Settings());
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<(HttpResponseMessage Response, string Message, ConsoleClient Browser)> AttemptAsync(string login, string password)
    {
        var browser = ConsoleClient.For(_factory);
        var (response, page) = await browser.SubmitAsync("/portal/login", "portal-sign-in", new Dictionary<string, string>
        {
            ["Credentials.Login"] = login,
            ["Credentials.Password"] = password,
        });
        return (response, page.QuerySelector(".alert")?.TextContent.Trim() ?? "", browser);
    }

    [Theory]
    [InlineData("victoria.king")]
    [InlineData("Victoria.King@example.com")]
    public async Task TheDirectoryPassword_SignsIn_WithAPortalSession_AndIsAudited(string login)
    {
        var (response, message, browser) = await AttemptAsync(login, LdapTestServer.PeoplePassword);
        using var _ = browser;

        response.StatusCode.Should().Be(HttpStatusCode.Redirect, message);
        response.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(PortalUser.CookieName + "=", StringComparison.Ordinal));
        var (portal, page) = await browser.GetPageAsync("/portal");
        portal.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector(".portal-user-name")!.TextContent.Trim().Should().Be("Victoria King");
        var audit = await AccessFixtures.AuditAsync(_factory);
        audit.Should().Contain(a => a.Action == "portal.signed_in" && a.Actor == "portal:user:victoria.king@example.com" && a.NewValues!.Contains("ldap"));
    }

    [Theory]
    [InlineData("victoria.king", "wrong password", "wrong_password")]
    [InlineData("dora.disabled", LdapTestServer.PeoplePassword, "disabled")]
    [InlineData("*)(uid=*", LdapTestServer.PeoplePassword, "unknown_user")]
    [InlineData("*", "*", "unknown_user")]
    public async Task AnyRefusal_ReadsTheSame_AndTheReasonIsOnlyInTheAudit(string login, string password, string reason)
    {
        var (response, message, browser) = await AttemptAsync(login, password);
        browser.Dispose();

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        message.Should().Be("Email or password is wrong");
        var audit = await AccessFixtures.AuditAsync(_factory);
        audit.Should().Contain(a => a.Action == "portal.sign_in_failed" && a.NewValues!.Contains(reason) && a.NewValues.Contains("ldap"));
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockThePersonOut_WhateverSpellingOfTheLoginIsUsed()
    {
        (await AttemptAsync("anna.koch", "wrong 1")).Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await AttemptAsync("Anna.Koch@example.com", "wrong 2")).Response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await AttemptAsync("EXAMPLE\\anna.koch", "wrong 3")).Response.StatusCode.Should().Be(HttpStatusCode.Locked);

        var (response, _, browser) = await AttemptAsync("anna.koch", LdapTestServer.PeoplePassword);
        browser.Dispose();

        response.StatusCode.Should().Be(HttpStatusCode.Locked, "the right password does not unlock a locked person early");
        var audit = await AccessFixtures.AuditAsync(_factory);
        audit.Should().ContainSingle(a => a.Action == "portal.locked_out");
    }

    [Fact]
    public async Task SignOut_EndsTheSession_AndIsAudited()
    {
        var (_, _, browser) = await AttemptAsync("victoria.king", LdapTestServer.PeoplePassword);
        using var _ = browser;

        var (signedOut, _) = await browser.SubmitAsync("/portal", "/portal/logout", new Dictionary<string, string>());

        signedOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(a => a.Action == "portal.signed_out");
    }
}
