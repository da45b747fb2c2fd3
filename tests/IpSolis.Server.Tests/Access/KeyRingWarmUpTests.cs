using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace IpSolis.Server.Tests.Access;

/// <summary>
/// The data-protection key ring is loaded after the node listens instead of before (docs/PERFORMANCE.md, cold start):
/// the framework's start-up hook is gone, a new database still gets its first key without any request, and a request
/// racing the warm-up does not create a second key.
/// </summary>
public sealed class KeyRingWarmUpTests
{
    [Fact]
    public async Task TheFrameworkHookIsReplaced_ByTheWarmUp()
    {
        await using var factory = await IpSolisFactory.CreateAsync();

        var hosted = factory.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        hosted.Should().Contain(typeof(KeyRingWarmUp));
        hosted.Select(t => t.FullName).Should().NotContain(KeyRingWarmUp.FrameworkHook);
    }

    [Fact]
    public async Task ANewDatabase_GetsItsFirstKey_WithoutAnyRequest()
    {
        await using var factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Security:ApiSecretKey"] = TestEnvironment.RandomSecret() });
        _ = factory.Server; // start the host; no request is made
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<DataProtectionKey> keys;
        do
        {
            await Task.Delay(50);
            await using var db = await contexts.CreateDbContextAsync();
            keys = await db.Set<DataProtectionKey>().AsNoTracking().ToListAsync();
        }
        while (keys.Count == 0 && DateTime.UtcNow < deadline);

        keys.Should().ContainSingle("the warm-up creates the ring's first key once the node has started");
        keys[0].Xml.Should().Contain("ipsolisSealed", "the key is sealed as any other");
    }

    [Fact]
    public async Task ProtectingRightAfterStart_RacingTheWarmUp_CreatesOneKeyAndRoundTrips()
    {
        await using var factory = await IpSolisFactory.CreateAsync();
        _ = factory.Server;
        var protection = factory.Services.GetRequiredService<IDataProtectionProvider>();

        // Eight callers at once, as the first requests after a start would be, while the warm-up loads the same ring.
        var protectedValues = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            protection.CreateProtector("test").Protect($"value {i}"))));

        protectedValues.Select(v => protection.CreateProtector("test").Unprotect(v)).Should()
            .BeEquivalentTo(Enumerable.Range(0, 8).Select(i => $"value {i}"));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>().CreateDbContextAsync();
        (await db.Set<DataProtectionKey>().CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task ANodeStoppedBeforeItStarted_EndsTheWarmUpQuietly()
    {
        // A start that fails (its port is taken) stops the host before ApplicationStarted: the warm-up must end as a
        // stopped service, not as a failed one, or the host logs a second, misleading error next to the real one.
        using var warmUp = new KeyRingWarmUp(new NeverStarted(), new EphemeralDataProtectionProvider(), NullLogger<KeyRingWarmUp>.Instance);
        using var stopping = new CancellationTokenSource();

        var running = warmUp.WarmUpAsync(stopping.Token);
        running.IsCompleted.Should().BeFalse("the warm-up waits for the node to start");
        await stopping.CancelAsync();

        await running.Invoking(t => t).Should().NotThrowAsync();
        running.Status.Should().Be(TaskStatus.RanToCompletion);
    }

    private sealed class NeverStarted : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
