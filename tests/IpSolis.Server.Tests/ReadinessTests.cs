using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests;

/// <summary>
/// <c>/readyz</c> follows the database: 503 with a reason while PostgreSQL is stopped, 200 again once it is back.
/// Uses a PostgreSQL cluster of its own, so stopping it disturbs no other test.
/// </summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_Is503WhilePostgresIsStopped_And200AfterItReturns()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await TestDatabase.CreateAsync(cluster.AdminConnectionString);
        await using var factory = await IpSolisFactory.CreateAsync(database: database);
        var client = factory.CreateClient();

        (await client.GetAsync("/readyz")).StatusCode.Should().Be(HttpStatusCode.OK);

        await cluster.StopServerAsync();
        using (var down = await client.GetAsync("/readyz"))
        {
            using var body = JsonDocument.Parse(await down.Content.ReadAsStringAsync());
            down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            body.RootElement.GetProperty("status").GetString().Should().Be("error");
            body.RootElement.GetProperty("reason").GetString().Should().StartWith("database:");
        }

        using (var health = await client.GetAsync("/health"))
        {
            health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            (await client.GetAsync("/livez")).StatusCode.Should().Be(HttpStatusCode.OK, "liveness is the process only");
        }

        await cluster.StartServerAsync();
        var waited = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await client.GetAsync("/readyz")).StatusCode;
            if (status != HttpStatusCode.OK)
                await Task.Delay(200);
        }
        while (status != HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(15));

        status.Should().Be(HttpStatusCode.OK, "the node is ready again once PostgreSQL is back");
    }
}
