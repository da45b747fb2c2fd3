using System.Net;
using IpSolis.Domain.Access;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Observability;

/// <summary>
/// Load shedding on a node configured with two request slots and no queue: the overflow gets 503 with Retry-After
/// while health endpoints keep answering, and service resumes once the overload is over.
/// </summary>
public sealed class LoadSheddingTests : IAsyncDisposable
{
    private const int Slots = 2;
    private IpSolisFactory _factory = null!;

    private async Task StartAsync(int sqliteWriteWaiters = 200) => _factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?>
    {
        ["Server:EnableDelayEndpoint"] = "true",
        ["LoadShedding:MaxConcurrentRequests"] = Slots.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LoadShedding:MaxQueuedRequests"] = "0",
        ["LoadShedding:MaxQueueWaitMilliseconds"] = "0",
        ["LoadShedding:MaxSqliteWriteWaiters"] = sqliteWriteWaiters.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["LoadShedding:RetryAfterSeconds"] = "7",
    });

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Overload_ShedsTheOverflowWith503_HealthStillAnswers_ThenServiceResumes()
    {
        await StartAsync();
        var client = _factory.CreateClient();
        var slow = Enumerable.Range(0, 8).Select(_ => client.GetAsync("/_diagnostics/delay/1500")).ToList();
        // Give the requests time to arrive; the two admitted ones hold their slots for 1.5 s.
        await Task.Delay(400);

        foreach (var probe in new[] { "/livez", "/readyz", "/health" })
        {
            using var health = await client.GetAsync(probe);
            health.StatusCode.Should().Be(HttpStatusCode.OK, $"{probe} answers during an overload");
        }

        var responses = await Task.WhenAll(slow);
        var shed = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(Slots);
        shed.Should().HaveCount(8 - Slots);
        foreach (var refused in shed)
        {
            refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
            refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await AccessFixtures.JsonAsync(refused);
            problem.GetProperty("code").GetString().Should().Be("server.busy");
            problem.GetProperty("reason").GetString().Should().Be("concurrency");
            problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(7);
        }

        using var after = await client.GetAsync("/_diagnostics/delay/1");
        after.StatusCode.Should().Be(HttpStatusCode.OK, "service resumes once the overload is over");

        var admin = await AccessFixtures.AddUserAsync(_factory, "shed-admin", AdminRole.Superadmin);
        var (_, token) = await AccessFixtures.AddTokenAsync(_factory, admin, AdminRole.Auditor, ["metrics:read"]);
        var text = await (await AccessFixtures.ApiClient(_factory, token).GetAsync("/metrics")).Content.ReadAsStringAsync();
        MetricsScrapes.Sum(text, "ipsolis_http_requests_shed_total", ("reason", "concurrency")).Should().Be(8 - Slots);
    }

    [Fact]
    public async Task SqliteWritersQueuedPastTheLimit_ShedNewRequests_UntilTheyDrain()
    {
        await StartAsync(sqliteWriteWaiters: 1);
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var gate = _factory.Services.GetRequiredService<SqliteWriteGate>();
        var client = _factory.CreateClient();
        if (_factory.Database.IsPostgres)
        {
            // PostgreSQL has no write gate: the same request is served, whatever this test holds.
            (await client.GetAsync("/api/v1/version")).StatusCode.Should().Be(HttpStatusCode.OK);
            return;
        }

        // One writer holds SQLite's write lock while two more queue behind it: one more than the limit of 1.
        await using var holder = await contexts.CreateDbContextAsync();
        var held = await holder.Database.BeginTransactionAsync();
        var waiters = Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await transaction.CommitAsync();
        }).ToList();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (gate.Waiting < 2 && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(20);

        using var refused = await client.GetAsync("/api/v1/version");
        using var live = await client.GetAsync("/livez");
        await held.CommitAsync();
        await held.DisposeAsync();
        await Task.WhenAll(waiters);
        // The node's own background writers (job workers, heartbeat) queued behind the holder too; they drain in a moment.
        var served = await client.GetAsync("/api/v1/version");
        for (var tries = 0; served.StatusCode != HttpStatusCode.OK && tries < 100; tries++)
        {
            served.Dispose();
            await Task.Delay(50);
            served = await client.GetAsync("/api/v1/version");
        }

        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await AccessFixtures.JsonAsync(refused)).GetProperty("reason").GetString().Should().Be("database");
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        live.StatusCode.Should().Be(HttpStatusCode.OK);
        served.StatusCode.Should().Be(HttpStatusCode.OK, "service resumes once the writers drained");
        served.Dispose();
    }
}
