using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Access;

public sealed class ApiRateLimitTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() =>
        _factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Access:ApiBurst"] = "5", ["Access:ApiRequestsPerSecond"] = "1" });

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task EachToken_HasItsOwnBudget_AndExceedingItIs429ProblemWithRetryAfter()
    {
        var root = await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        var (_, first) = await AccessFixtures.AddTokenAsync(_factory, root, name: "first");
        var (_, second) = await AccessFixtures.AddTokenAsync(_factory, root, name: "second");
        using var a = AccessFixtures.ApiClient(_factory, first);
        using var b = AccessFixtures.ApiClient(_factory, second);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
            statuses.Add((await a.GetAsync("/api/v1/admin/me")).StatusCode);
        using var limited = await a.GetAsync("/api/v1/admin/me");

        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        statuses.Take(5).Should().OnlyContain(s => s == HttpStatusCode.OK);
        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        limited.Headers.GetValues("Retry-After").Single().Should().MatchRegex("^[1-9][0-9]*$");
        (await b.GetAsync("/api/v1/admin/me")).StatusCode.Should().Be(HttpStatusCode.OK, "another token has its own budget");
    }
}
