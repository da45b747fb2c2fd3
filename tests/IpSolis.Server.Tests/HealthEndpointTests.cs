using System.Net;
using System.Text.Json;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests;

public sealed class HealthEndpointTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Livez_AnswersOkWithoutTouchingTheDatabase()
    {
        using var response = await _factory.CreateClient().GetAsync("/livez");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"status":"ok"}""");
    }

    [Fact]
    public async Task Livez_IsAnsweredByRouting_AndStillCarriesTheSecurityHeaders()
    {
        using var response = await _factory.CreateClient().GetAsync("/livez");
        var livez = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/livez");

        // ASP.NET Core keeps the marker internal; its name is what ShortCircuit() adds.
        livez.Metadata.Select(m => m.GetType().Name).Should().Contain("ShortCircuitMetadata",
            "a liveness probe skips authentication, rate limits and the rest of the pipeline after routing");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task Readyz_WhenTheDatabaseAnswersAndTheSchemaIsCurrent_IsOk()
    {
        using var response = await _factory.CreateClient().GetAsync("/readyz");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"status":"ok"}""");
    }

    [Fact]
    public async Task Health_ReportsVersionAndEveryCheck_WithDatabaseLatency()
    {
        using var response = await _factory.CreateClient().GetAsync("/health");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        root.GetProperty("status").GetString().Should().BeOneOf("ok", "degraded");
        root.GetProperty("version").GetString().Should().StartWith("0.");
        var checks = root.GetProperty("checks");
        checks.GetProperty("database").GetProperty("status").GetString().Should().Be("ok");
        checks.GetProperty("database").GetProperty("latencyMs").GetDouble().Should().BeGreaterThan(0);
        checks.GetProperty("migrations").GetProperty("status").GetString().Should().Be("ok");
        checks.TryGetProperty("nodes", out _).Should().BeTrue();
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task Health_WhenANonCriticalCheckFails_IsDegradedWith200()
    {
        // The node heartbeat table emptied: no live node is known, which degrades but does not fail health. The node
        // records itself in the background as it starts: wait for that first row (the next comes after
        // NodeHeartbeat.Interval), or the delete can come first and the row land after it.
        var contexts = _factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Platform.Data.IpSolisDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (await db.Set<Platform.Observability.ClusterNode>().AnyAsync())
            {
                await db.Set<Platform.Observability.ClusterNode>().ExecuteDeleteAsync();
                break;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, "the node records itself in cluster_nodes when it starts");
            await Task.Delay(50);
        }

        using var response = await _factory.CreateClient().GetAsync("/health");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        document.RootElement.GetProperty("status").GetString().Should().Be("degraded");
        document.RootElement.GetProperty("checks").GetProperty("nodes").GetProperty("status").GetString().Should().Be("degraded");
    }
}
