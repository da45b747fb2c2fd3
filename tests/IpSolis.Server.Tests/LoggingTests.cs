using System.Text.Json;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests;

/// <summary>Production logs are JSON lines with a fixed shape, and carry neither query strings nor secrets.</summary>
public sealed class LoggingTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        if (_database.IsPostgres)
            await IpSolisFactory.MigrateAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ProductionLogs_AreJsonLinesWithRequestFields_AndNoSecrets()
    {
        const string querySecret = "q-secret-5d2a";
        const string adminKey = "admin-key-that-is-long-enough-0123456789";
        var port = IpSolisProcess.FreePort();
        var environment = _database.EnvironmentVariables();
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["IPSOLIS_Database__AllowSqliteInProduction"] = "true";
        environment["ADMIN_API_KEY"] = adminKey;
        var apiSecret = environment["API_SECRET_KEY"]!;
        await using var process = IpSolisProcess.Start(_database.Directory, environment, "serve", "--urls", $"http://127.0.0.1:{port}");
        await process.WaitUntilReadyAsync($"http://127.0.0.1:{port}/readyz", IpSolisProcess.StartTimeout);

        using (var client = new HttpClient())
        {
            await client.GetAsync($"http://127.0.0.1:{port}/api/v1/unknown-thing?access_token={querySecret}&x=1");
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/portal?password={querySecret}");
            request.Headers.Add("Authorization", "Bearer " + querySecret);
            await client.SendAsync(request);
        }

        process.Terminate();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var lines = process.StandardOutput.Where(l => l.Length > 0).ToList();
        lines.Should().NotBeEmpty();
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList(); // every line parses as JSON
        foreach (var e in events)
        {
            e.GetProperty("time").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
            e.GetProperty("level").GetString().Should().BeOneOf("trace", "debug", "info", "warn", "error", "fatal");
            e.GetProperty("category").GetString().Should().NotBeNullOrEmpty();
            e.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        }

        var request404 = events.Single(e => e.TryGetProperty("path", out var p) && p.GetString() == "/api/v1/unknown-thing");
        request404.GetProperty("method").GetString().Should().Be("GET");
        request404.GetProperty("status").GetInt32().Should().Be(404);
        request404.GetProperty("durationMs").GetDouble().Should().BeGreaterThanOrEqualTo(0);
        request404.GetProperty("traceId").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
        events.Any(e => e.TryGetProperty("path", out var p) && p.GetString() == "/portal").Should().BeTrue("every page request is logged");

        var everything = process.AllOutput;
        everything.Should().NotContain(querySecret).And.NotContain(apiSecret).And.NotContain(adminKey).And.NotContain("access_token");
    }
}
