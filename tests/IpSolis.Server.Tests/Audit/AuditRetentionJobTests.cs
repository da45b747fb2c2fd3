using System.Net.Http.Json;
using System.Text.Json;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.Audit;

/// <summary>The daily <c>audit.retention</c> job follows its setting: off by default, and when on, the chain still verifies.</summary>
public sealed class AuditRetentionJobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualClock _clock = new(Start);
    private IpSolisFactory _factory = null!;

    private const string LegacyKey = "legacy-admin-key-for-retention-tests-0123456789";

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync(
        new Dictionary<string, string?> { ["Security:AdminApiKey"] = LegacyKey },
        services: s => s.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IServiceProvider Services => _factory.Services;

    [Fact]
    public void TheJob_IsScheduledDaily()
    {
        Services.GetServices<RecurringJob>().Should().Contain(j => j.Name == "audit.retention" && j.Kind == AuditRetentionJob.Kind);
        Services.GetServices<JobKind>().Should().Contain(k => k.Name == AuditRetentionJob.Kind);
    }

    [Fact]
    public async Task WithRetentionOff_NothingIsRemoved()
    {
        await AuditWriter.WriteAsync(Services, 3);
        _clock.Advance(TimeSpan.FromDays(400));

        await RunJobAsync();

        (await AuditWriter.ReadAllAsync(Services)).Count(r => r.Action == "test.event").Should().Be(3);
    }

    [Fact]
    public async Task WithRetentionOn_OldRowsGo_AndTheRestStillVerifies()
    {
        await AuditWriter.WriteAsync(Services, 3);
        _clock.Advance(TimeSpan.FromDays(10));
        await AuditWriter.WriteAsync(Services, 2);
        var saved = await Services.GetRequiredService<SettingsStore>().SaveAsync(
            new Dictionary<string, string?> { [AuditRetentionJob.RetentionDays.Key] = "5" }, AuditActor.System("tests"));
        saved.Succeeded.Should().BeTrue();

        await RunJobAsync();

        var rows = await AuditWriter.ReadAllAsync(Services);
        rows.Should().NotContain(r => r.OccurredAt < _clock.Now.AddDays(-5), "rows older than five days are gone");
        rows.Should().Contain(r => r.Action == "audit_log.pruned" && r.Actor == "system:audit.retention");
        var verification = await Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(null, CancellationToken.None);
        verification.Intact.Should().BeTrue(verification.Break?.Describe());
    }

    /// <summary>Runs the schedule now, as an operator would, and waits for the worker to finish it.</summary>
    private async Task RunJobAsync()
    {
        using var api = _factory.CreateClient();
        api.DefaultRequestHeaders.Add("X-Admin-Key", LegacyKey);
        HttpResponseMessage? run = null;
        await Jobs.WorkerNodes.WaitUntilAsync(async () =>
        {
            run = await api.PostAsync("/api/v1/admin/jobs/schedules/audit.retention/run", null);
            return run.StatusCode == System.Net.HttpStatusCode.Accepted;
        }, TimeSpan.FromSeconds(20), "the retention schedule to be known to the scheduler");
        var jobId = (await run!.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
        await Jobs.WorkerNodes.WaitUntilAsync(async () =>
            (await api.GetFromJsonAsync<JsonElement>($"/api/v1/admin/jobs/{jobId}")).GetProperty("state").GetString() == "succeeded",
            TimeSpan.FromSeconds(30), "the retention job to succeed");
    }
}
