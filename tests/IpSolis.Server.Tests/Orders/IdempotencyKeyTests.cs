using System.Net;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Http;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Orders;

/// <summary><c>Idempotency-Key</c> on <c>POST /api/v1/orders</c>: replays, refusals and concurrent repeats.</summary>
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private OrderHost _host = null!;
    private long _typeId;

    public async Task InitializeAsync()
    {
        _host = await OrderHost.StartAsync();
        _typeId = (await _host.AddTypeAsync("Seats", t => t.AssignmentModel = AssignmentModel.CapacityPooled)).Id;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private object Body(string requester = "ann@example.com") => OrderHost.Body(_typeId, requester, Now, Now.AddDays(2));

    [Fact]
    public async Task SameKeySameBody_ReplaysTheFirstResponse()
    {
        var first = await _host.PlaceAsync(Body(), "key-1");
        var firstText = await first.Content.ReadAsStringAsync();

        var again = await _host.PlaceAsync(Body(), "key-1");

        first.StatusCode.Should().Be(HttpStatusCode.Created, firstText);
        first.Headers.Contains(StoredResponse.ReplayedHeader).Should().BeFalse();
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        again.Headers.GetValues(StoredResponse.ReplayedHeader).Should().Equal("true");
        again.Headers.Location.Should().Be(first.Headers.Location);
        (await again.Content.ReadAsStringAsync()).Should().Be(firstText);
        (await _host.QueryAsync(db => db.Set<Order>())).Should().ContainSingle();
    }

    [Fact]
    public async Task SameKeyDifferentBody_IsRefusedWith422()
    {
        (await _host.PlaceAsync(Body(), "key-2")).StatusCode.Should().Be(HttpStatusCode.Created);

        var other = await _host.PlaceAsync(Body("bob@example.com"), "key-2");

        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await OrderHost.JsonAsync(other);
        problem.GetProperty("code").GetString().Should().Be("idempotency.key_reused");
        (await _host.QueryAsync(db => db.Set<Order>())).Should().ContainSingle();
    }

    [Fact]
    public async Task DifferentKeys_CreateDifferentOrders()
    {
        (await _host.PlaceAsync(Body(), "key-a")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await _host.PlaceAsync(Body(), "key-b")).StatusCode.Should().Be(HttpStatusCode.Created);

        (await _host.QueryAsync(db => db.Set<Order>())).Should().HaveCount(2);
    }

    [Fact]
    public async Task KeysArePerCaller()
    {
        var (_, token) = await AccessFixtures.AddTokenAsync(_host.Factory, _host.Admin, Domain.Access.AdminRole.Admin, ["orders:write"], "second caller");
        using var other = AccessFixtures.ApiClient(_host.Factory, token);

        (await _host.PlaceAsync(Body(), "shared-key")).StatusCode.Should().Be(HttpStatusCode.Created);
        var second = await _host.PlaceAsync(Body(), "shared-key", other);

        second.StatusCode.Should().Be(HttpStatusCode.Created);
        second.Headers.Contains(StoredResponse.ReplayedHeader).Should().BeFalse();
        (await _host.QueryAsync(db => db.Set<Order>())).Should().HaveCount(2);
    }

    [Fact]
    public async Task ARefusal_IsReplayedToo()
    {
        var refused = await _host.PlaceAsync(OrderHost.Body(_typeId, "not-an-email", Now, Now.AddDays(1)), "key-bad");
        var again = await _host.PlaceAsync(OrderHost.Body(_typeId, "not-an-email", Now, Now.AddDays(1)), "key-bad");

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        again.Headers.GetValues(StoredResponse.ReplayedHeader).Should().Equal("true");
    }

    [Theory]
    [InlineData("has space", 1)]
    [InlineData("x", IdempotencyKeys.MaxKeyLength + 1)]
    public async Task InvalidKey_IsRefused(string key, int repeat)
    {
        var response = await _host.PlaceAsync(Body(), string.Concat(Enumerable.Repeat(key, repeat)));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await OrderHost.JsonAsync(response)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
        (await _host.QueryAsync(db => db.Set<Order>())).Should().BeEmpty();
    }

    [Fact]
    public async Task ConcurrentRepeats_CreateOneOrder()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _host.PlaceAsync(Body(), "key-race")));

        (await _host.QueryAsync(db => db.Set<Order>())).Should().ContainSingle();
        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains(StoredResponse.ReplayedHeader)).Should().Be(1);
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            (await OrderHost.JsonAsync(conflict)).GetProperty("code").GetString().Should().Be("idempotency.in_progress");
    }

    [Fact]
    public async Task AKeyWhoseRequestNeverAnswered_Is409ForAWhile_ThenFreeForARetry()
    {
        (await _host.PlaceAsync(Body(), "key-crash")).StatusCode.Should().Be(HttpStatusCode.Created);
        // As a node killed mid-request leaves it: taken, never answered.
        async Task TakenSinceAsync(TimeSpan ago)
        {
            await using var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync();
            await db.Set<IdempotencyRecord>().ExecuteUpdateAsync(u => u
                .SetProperty(r => r.StatusCode, (int?)null)
                .SetProperty(r => r.ResponseBody, (string?)null)
                .SetProperty(r => r.CompletedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.CreatedAt, DateTimeOffset.UtcNow - ago));
        }

        await TakenSinceAsync(TimeSpan.FromSeconds(20));
        (await _host.PlaceAsync(Body(), "key-crash")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        await TakenSinceAsync(IdempotencyKeys.AbandonedAfter + TimeSpan.FromSeconds(5));
        var retry = await _host.PlaceAsync(Body(), "key-crash");

        retry.StatusCode.Should().Be(HttpStatusCode.Created, await retry.Content.ReadAsStringAsync());
        retry.Headers.Contains(StoredResponse.ReplayedHeader).Should().BeFalse();
        (await _host.PlaceAsync(Body(), "key-crash")).Headers.GetValues(StoredResponse.ReplayedHeader).Should().Equal("true");
    }

    [Fact]
    public async Task Purge_RemovesKeysOlderThanADay()
    {
        (await _host.PlaceAsync(Body(), "old-key")).StatusCode.Should().Be(HttpStatusCode.Created);
        _host.Services.GetServices<RecurringJob>().Should().Contain(j => j.Kind == IdempotencyPurge.Kind);
        await using (var db = await AccessFixtures.Contexts(_host.Factory).CreateDbContextAsync())
        {
            (await db.Set<IdempotencyRecord>().CountAsync()).Should().Be(1);
            await db.Set<IdempotencyRecord>().ExecuteUpdateAsync(u => u.SetProperty(r => r.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }

        var purged = await _host.Services.GetRequiredService<IdempotencyKeys>().PurgeAsync(default);

        purged.Should().Be(1);
        var reused = await _host.PlaceAsync(Body("bob@example.com"), "old-key");
        reused.StatusCode.Should().Be(HttpStatusCode.Created, "an expired key is free again");
        reused.Headers.Contains(StoredResponse.ReplayedHeader).Should().BeFalse();
    }
}
