using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Observability;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests;

/// <summary>
/// Parallel writers on the app's own database never fail with "database is locked": on SQLite they queue behind
/// the write gate; on PostgreSQL they simply run. Read-then-write transactions are the case SQLite's own busy
/// handling cannot save (a deferred reader cannot upgrade), so that is what each writer does.
/// </summary>
public sealed class ParallelWriteTests : IAsyncLifetime
{
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ManyParallelReadThenWriteTransactions_AllCommit()
    {
        const int writers = 32;
        const int writesEach = 20;
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var now = DateTimeOffset.UtcNow;

        await Parallel.ForEachAsync(Enumerable.Range(0, writers), new ParallelOptions { MaxDegreeOfParallelism = writers }, async (writer, ct) =>
        {
            for (var i = 0; i < writesEach; i++)
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var seen = await db.Set<ClusterNode>().CountAsync(n => n.HostName == "parallel", ct);
                db.Add(new ClusterNode
                {
                    Id = $"parallel-{writer}-{i}",
                    HostName = "parallel",
                    ProcessId = seen,
                    Roles = "worker",
                    Version = "test",
                    StartedAt = now,
                    LastSeenAt = now,
                });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
        });

        await using var check = await contexts.CreateDbContextAsync();
        (await check.Set<ClusterNode>().CountAsync(n => n.HostName == "parallel")).Should().Be(writers * writesEach);
    }

    [Fact]
    public async Task ParallelSaveChangesWithoutExplicitTransactions_AllCommit()
    {
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var now = DateTimeOffset.UtcNow;

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (n, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Add(new ClusterNode { Id = $"save-{n}", HostName = "save", ProcessId = n, Roles = "web", Version = "test", StartedAt = now, LastSeenAt = now });
            await db.SaveChangesAsync(ct);
        });

        await using var check = await contexts.CreateDbContextAsync();
        (await check.Set<ClusterNode>().CountAsync(n => n.HostName == "save")).Should().Be(200);
    }

    [Fact]
    public async Task ATransactionDisposedWithoutCommit_ReleasesTheWriteLock()
    {
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        await using (var abandoned = await contexts.CreateDbContextAsync())
        {
            var transaction = await abandoned.Database.BeginTransactionAsync();
            await transaction.DisposeAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var next = await contexts.CreateDbContextAsync();
        await using var second = await next.Database.BeginTransactionAsync(timeout.Token);
        await second.CommitAsync(timeout.Token);
    }
}
