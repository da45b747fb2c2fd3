using System.Diagnostics;
using System.Net;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests;

/// <summary>SIGTERM: stop accepting, finish what is in flight within the grace, stop background work, exit 0.</summary>
public sealed class GracefulShutdownTests : IAsyncLifetime
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
    public async Task Sigterm_LetsASlowInFlightRequestFinish_ThenExitsZero()
    {
        var port = IpSolisProcess.FreePort();
        var environment = _database.EnvironmentVariables();
        environment["IPSOLIS_Server__EnableDelayEndpoint"] = "true";
        environment["IPSOLIS_Logging__Format"] = "text";
        await using var process = IpSolisProcess.Start(_database.Directory, environment, "serve", "--urls", $"http://127.0.0.1:{port}");
        await process.WaitUntilReadyAsync($"http://127.0.0.1:{port}/readyz", IpSolisProcess.StartTimeout);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var slow = client.GetAsync($"http://127.0.0.1:{port}/_diagnostics/delay/3000");
        await process.WaitForOutputAsync("Diagnostics delay of 3000 ms started", TimeSpan.FromSeconds(10));
        var signalled = Stopwatch.StartNew();
        process.Terminate();

        using var response = await slow;
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the in-flight request finishes within the grace");
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"delayedMs\":3000");

        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        process.ExitCode.Should().Be(0, process.AllOutput);
        signalled.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(1.5), "the process waited for the request");
        process.AllOutput.Should().Contain("Shutdown requested: no longer accepting connections")
            .And.Contain("Stopping background services")
            .And.Contain("Shutdown complete");
    }

    [Fact]
    public async Task Sigterm_WhileIdle_ExitsZeroAtOnce()
    {
        var port = IpSolisProcess.FreePort();
        await using var process = IpSolisProcess.Start(_database.Directory, _database.EnvironmentVariables(), "serve", "--urls", $"http://127.0.0.1:{port}");
        await process.WaitUntilReadyAsync($"http://127.0.0.1:{port}/readyz", IpSolisProcess.StartTimeout);

        var stopping = Stopwatch.StartNew();
        process.Terminate();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(20));

        process.ExitCode.Should().Be(0, process.AllOutput);
        stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task WorkerOnlyNode_AnswersProbesButServesNoPages()
    {
        var port = IpSolisProcess.FreePort();
        await using var process = IpSolisProcess.Start(_database.Directory, _database.EnvironmentVariables(),
            "serve", "--roles", "worker,scheduler", "--urls", $"http://127.0.0.1:{port}");
        await process.WaitUntilReadyAsync($"http://127.0.0.1:{port}/readyz", IpSolisProcess.StartTimeout);

        using var client = new HttpClient();
        (await client.GetAsync($"http://127.0.0.1:{port}/livez")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync($"http://127.0.0.1:{port}/portal")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        process.Terminate();
        await process.WaitForExitAsync(TimeSpan.FromSeconds(20));
        process.AllOutput.Should().Contain("roles worker,scheduler");
    }
}
