using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Access;

public sealed class SignInRateLimitTests : IAsyncLifetime
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
        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpResponseMessage> AttemptAsync(string username)
    {
        using var browser = ConsoleClient.For(_factory);
        var (response, _) = await browser.SubmitAsync("/ui/login", "sign-in", new Dictionary<string, string>
        {
            ["Credentials.Username"] = username,
            ["Credentials.Password"] = "guess guess guess",
        });
        return response;
    }

    [Fact]
    public async Task ManyAttemptsOnOneUsername_Answer429WithRetryAfter_ThenTheAddressLimitApplies()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await AttemptAsync("root")).StatusCode);
        statuses.Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests);

        // Four attempts used on this address (the refused one counted too); one more name, then the address is spent.
        (await AttemptAsync("someone.else")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var limited = await AttemptAsync("third.name");
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 60);
    }
}
