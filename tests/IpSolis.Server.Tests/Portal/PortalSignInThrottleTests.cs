using System.Net;
using IpSolis.Server.Tests.PersonDirectory;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Portal;

/// <summary>Portal sign-in goes through the same per-login and per-address throttle as the console's.</summary>
public sealed class PortalSignInThrottleTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["Access:SignInPerUsernamePerMinute"] = "3",
            ["Access:SignInPerAddressPerMinute"] = "5",
            ["Access:LockoutThreshold"] = "0",
        });
        await DirectoryFixtures.AddPersonAsync(_factory, "anna.schmidt@example.com", "Anna Schmidt");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpResponseMessage> AttemptAsync(string login, string password = "guess guess guess")
    {
        using var browser = ConsoleClient.For(_factory);
        var (response, _) = await browser.SubmitAsync("/portal/login", "portal-sign-in", new Dictionary<string, string>
        {
            ["Credentials.Login"] = login,
            ["Credentials.Password"] = password,
        });
        return response;
    }

    [Fact]
    public async Task ManyAttemptsOnOneLogin_Answer429WithRetryAfter_EvenWithTheRightPassword_ThenTheAddressLimitApplies()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await AttemptAsync("anna.schmidt@example.com")).StatusCode);
        var fourth = await AttemptAsync("ANNA.SCHMIDT@example.com", DirectoryFixtures.Password);

        statuses.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized);
        fourth.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the throttle is checked before the password");
        int.Parse(fourth.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);

        (await AttemptAsync("someone.else@example.com")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await AttemptAsync("third.person@example.com")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "five attempts from this address in a minute");
        (await AccessFixtures.AuditAsync(_factory)).Count(e => e.Action == "portal.sign_in_failed").Should().Be(4, "throttled attempts never reach the password check");
    }
}
