using IpSolis.Server.Features.Orders;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IpSolis.Server.Tests.Data;

/// <summary>
/// Contexts come from a pool (<see cref="DataServices"/>): what one use changes on a context must not reach the next
/// use of the same instance. These are the settings the product's code changes.
/// </summary>
public sealed class PooledContextTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task AContextReturnedToThePool_ComesBackWithDefaultsAndNothingTracked()
    {
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        IpSolisDbContext first;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            first = db;
            db.Database.AutoSavepointsEnabled = false; // as an approval decision does
            db.Add(new Order { RequesterEmail = "left.behind@example.com", PlacedBy = "test", Source = "test" }); // never saved
            await db.Database.BeginTransactionAsync(); // and left without commit or rollback
        }

        // The node's background loops take contexts from the same pool, so the returned instance may come back
        // to this test only after a few others.
        IpSolisDbContext? again = null;
        for (var attempt = 0; attempt < 200 && again is null; attempt++)
        {
            var candidate = await contexts.CreateDbContextAsync();
            if (ReferenceEquals(candidate, first))
                again = candidate;
            else
                await candidate.DisposeAsync();
        }

        again.Should().NotBeNull("the pool hands the returned instance out again");
        await using var lease = again!;
        lease.Database.AutoSavepointsEnabled.Should().BeTrue();
        lease.Database.CurrentTransaction.Should().BeNull();
        lease.ChangeTracker.Entries().Should().BeEmpty();
    }

    [Fact]
    public async Task ATransactionLeftOpen_DoesNotKeepTheWriteGate()
    {
        // On SQLite an open transaction holds the node's single write gate; returning its context to the pool must
        // release it, or every later write waits for the busy timeout. On PostgreSQL the same code must simply work.
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
            await db.Database.BeginTransactionAsync();

        using var within = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await using var writer = await contexts.CreateDbContextAsync();
        await using var transaction = await writer.Database.BeginTransactionAsync(within.Token);
        await transaction.CommitAsync(within.Token);
    }
}
