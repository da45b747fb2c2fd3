using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Observability;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Audit;

/// <summary>
/// The audit trail on the provider under test: rows are written with the change they describe, numbered without
/// gaps and hash-linked, also under many concurrent writers; tampering directly in the database is found.
/// </summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start.AddTicks(1234567));
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() =>
        _factory = await IpSolisFactory.CreateAsync(services: s => s.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IServiceProvider Services => _factory.Services;

    private AuditChainVerifier Verifier => Services.GetRequiredService<AuditChainVerifier>();

    [Fact]
    public async Task RecordedRows_AreNumberedLinkedAndVerify()
    {
        await AuditWriter.WriteAsync(Services, 5);
        var contexts = Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var audit = Services.GetRequiredService<IAuditTrail>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // Several rows in one save keep the order they were recorded in.
            foreach (var name in new[] { "first", "second", "third" })
                audit.Record(db, AuditActor.AdminSession("alice", "Superadmin", "10.0.0.7"), new AuditEvent("thing.renamed", "thing", name));
            await db.SaveChangesAsync();
        }

        var rows = await AuditWriter.ReadAllAsync(Services);
        rows.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, 8).Select(i => (long)i));
        rows[0].PreviousHash.Should().Be(AuditChainHead.GenesisHash);
        rows.Skip(1).Zip(rows).Should().OnlyContain(pair => pair.First.PreviousHash == pair.Second.Hash);
        rows.Skip(5).Select(r => r.EntityId).Should().Equal("first", "second", "third");
        rows[5].Actor.Should().Be("admin:session:alice:superadmin");
        rows[5].ClientIp.Should().Be("10.0.0.7");
        rows[0].OccurredAt.Should().Be(AuditRowHash.ToStoredPrecision(_clock.Now), "the time comes from the TimeProvider, to the microsecond");
        rows[0].NewValues.Should().Be("""{"n":1,"note":"café ✓"}""");

        var head = await AuditWriter.HeadAsync(Services);
        head.LastSequence.Should().Be(8);
        head.LastHash.Should().Be(rows[^1].Hash);

        var result = await Verifier.VerifyAsync(null, CancellationToken.None);
        result.Intact.Should().BeTrue(result.Break?.Describe());
        result.RowCount.Should().Be(8);
    }

    [Fact]
    public async Task TheAuditRow_IsWrittenWithItsChange_OrNotAtAll()
    {
        var contexts = Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var audit = Services.GetRequiredService<IAuditTrail>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Add(Node("node-a"));
            audit.Record(db, AuditActor.System("tests"), new AuditEvent("node.added", "cluster_node", "node-a"));
            await db.SaveChangesAsync();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Add(Node("node-a")); // the same key again: the save fails
            audit.Record(db, AuditActor.System("tests"), new AuditEvent("node.added", "cluster_node", "node-a"));
            var save = () => db.SaveChangesAsync();
            await save.Should().ThrowAsync<DbUpdateException>();
        }

        await using (var db = await contexts.CreateDbContextAsync())
        {
            // An explicit transaction of the caller's: the audit row goes with it, and is gone when it rolls back.
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(Node("node-b"));
            audit.Record(db, AuditActor.System("tests"), new AuditEvent("node.added", "cluster_node", "node-b"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        var rows = await AuditWriter.ReadAllAsync(Services);
        rows.Should().ContainSingle().Which.EntityId.Should().Be("node-a");
        (await AuditWriter.HeadAsync(Services)).LastSequence.Should().Be(1);

        await AuditWriter.WriteAsync(Services, 1);
        (await AuditWriter.ReadAllAsync(Services)).Select(r => r.Sequence).Should().Equal(1, 2);
        (await Verifier.VerifyAsync(null, CancellationToken.None)).Intact.Should().BeTrue();
    }

    [Fact]
    public async Task ManyConcurrentWriters_ProduceOneUnbrokenChain()
    {
        const int writers = 16;
        const int savesEach = 15;
        var contexts = Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        var audit = Services.GetRequiredService<IAuditTrail>();

        await Parallel.ForEachAsync(Enumerable.Range(0, writers), new ParallelOptions { MaxDegreeOfParallelism = writers }, async (writer, ct) =>
        {
            for (var i = 0; i < savesEach; i++)
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                db.Add(Node($"w{writer}-{i}"));
                audit.Record(db, AuditActor.System($"writer-{writer}"), new AuditEvent("node.added", "cluster_node", $"w{writer}-{i}"));
                if (i % 3 == 0)
                    audit.Record(db, AuditActor.System($"writer-{writer}"), new AuditEvent("node.checked", "cluster_node", $"w{writer}-{i}"));
                await db.SaveChangesAsync(ct);
            }
        });

        var expected = writers * savesEach + writers * ((savesEach + 2) / 3);
        var rows = await AuditWriter.ReadAllAsync(Services);
        rows.Should().HaveCount(expected);
        rows.Select(r => r.Sequence).Should().Equal(Enumerable.Range(1, expected).Select(i => (long)i), "no gaps and no duplicates");
        var result = await Verifier.VerifyAsync(null, CancellationToken.None, batchSize: 37);
        result.Intact.Should().BeTrue(result.Break?.Describe());
        result.RowCount.Should().Be(expected);
    }

    public static TheoryData<string, AuditBreakKind, long> Tampering => new()
    {
        { "edit", AuditBreakKind.HashMismatch, 3 },
        { "delete", AuditBreakKind.Gap, 5 },
        { "reorder", AuditBreakKind.Reordered, 5 },
        { "truncate", AuditBreakKind.HeadMismatch, 7 },
        { "edit-head", AuditBreakKind.HeadMismatch, 10 },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task TamperingInTheDatabase_IsFoundAtTheFirstBadRow(string tampering, AuditBreakKind kind, long sequence)
    {
        await AuditWriter.WriteAsync(Services, 10);
        await DirectSql.TamperAsync(_factory.Database, AuditTampering.Statements(tampering));

        // Batches of 4 put the damage on and across batch boundaries.
        var result = await Verifier.VerifyAsync(null, CancellationToken.None, batchSize: 4);

        result.Intact.Should().BeFalse();
        result.Break!.Kind.Should().Be(kind);
        result.Break.Sequence.Should().Be(sequence);
    }

    [Fact]
    public async Task Retention_RemovesTheOldestRows_AndTheRestStillVerifies()
    {
        for (var i = 0; i < 10; i++)
        {
            await AuditWriter.WriteAsync(Services, 1);
            _clock.Advance(TimeSpan.FromDays(1));
        }

        var retention = Services.GetRequiredService<AuditRetention>();
        var removed = await retention.PruneAsync(Start.AddDays(4), AuditActor.System("audit_retention"), CancellationToken.None);

        removed.Should().Be(4);
        var rows = await AuditWriter.ReadAllAsync(Services);
        rows.Select(r => r.Sequence).Should().Equal(5, 6, 7, 8, 9, 10, 11);
        rows[^1].Action.Should().Be("audit_log.pruned");
        rows[^1].NewValues.Should().Contain("\"throughSequence\":4").And.Contain("\"removed\":4");
        var head = await AuditWriter.HeadAsync(Services);
        head.AnchorSequence.Should().Be(4);

        var result = await Verifier.VerifyAsync(null, CancellationToken.None);
        result.Intact.Should().BeTrue(result.Break?.Describe());
        result.RowCount.Should().Be(7);

        (await retention.PruneAsync(Start.AddDays(4), AuditActor.System("audit_retention"), CancellationToken.None))
            .Should().Be(0, "nothing older is left");
        await AuditWriter.WriteAsync(Services, 2);
        (await Verifier.VerifyAsync(null, CancellationToken.None)).RowCount.Should().Be(9);
    }

    [Fact]
    public async Task ARemovedRowPutBackBeforeTheAnchor_IsFound()
    {
        await AuditWriter.WriteAsync(Services, 3);
        _clock.Advance(TimeSpan.FromDays(1));
        await AuditWriter.WriteAsync(Services, 2);
        var first = (await AuditWriter.ReadAllAsync(Services))[0];
        await Services.GetRequiredService<AuditRetention>().PruneAsync(_clock.Now.AddHours(-1), AuditActor.System("audit_retention"), CancellationToken.None);

        await DirectSql.TamperAsync(_factory.Database,
            $"INSERT INTO audit_log (sequence, occurred_at, actor, action, entity_type, classification, previous_hash, hash) "
            + $"SELECT 1, occurred_at, actor, action, entity_type, classification, previous_hash, hash FROM audit_log WHERE sequence = 4");

        var result = await Verifier.VerifyAsync(null, CancellationToken.None);
        result.Break!.Kind.Should().Be(AuditBreakKind.Reordered);
        result.Break.Sequence.Should().Be(first.Sequence);
    }

    private static ClusterNode Node(string id) => new()
    {
        Id = id,
        HostName = "audit-test",
        ProcessId = 1,
        Roles = "web",
        Version = "test",
        StartedAt = Start,
        LastSeenAt = Start,
    };
}
