using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>The operators' view through the real host: the API and the audit rows of their actions.</summary>
public sealed class JobsAdministrationTests
{
    private const string LegacyKey = "legacy-admin-key-for-jobs-tests-0123456789";

    [Fact]
    public async Task Api_ShowsQueuesAndSchedules_RunNowIsAudited_AndErrorsAreProblems()
    {
        await using var factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Security:AdminApiKey"] = LegacyKey });
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Add("X-Admin-Key", LegacyKey);

        using (var anonymous = factory.CreateClient())
            (await anonymous.GetAsync("/api/v1/admin/jobs")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // The scheduler copies the built-in retention schedule on start.
        JsonElement overview = default;
        await WorkerNodes.WaitUntilAsync(async () =>
        {
            overview = await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/jobs");
            return overview.GetProperty("schedules").GetArrayLength() > 0;
        }, TimeSpan.FromSeconds(20), "the schedules to appear");
        overview.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("queue").GetString())
            .Should().Contain(["provision", "notifications", "default", "reclaim"]);
        overview.GetProperty("schedules").EnumerateArray().Should().Contain(s => s.GetProperty("name").GetString() == "jobs.retention");

        var run = await api.PostAsync("/api/v1/admin/jobs/schedules/jobs.retention/run", null);
        run.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var jobId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();

        var missing = await api.PostAsync("/api/v1/admin/jobs/999999/retry", null);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");

        await WorkerNodes.WaitUntilAsync(async () =>
            (await api.GetFromJsonAsync<JsonElement>($"/api/v1/admin/jobs/{jobId}")).GetProperty("state").GetString() == "succeeded",
            TimeSpan.FromSeconds(20), "the retention job to run");
        var deleted = await api.DeleteAsync($"/api/v1/admin/jobs/{jobId}");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>().CreateDbContextAsync();
        var actions = await db.Set<AuditEntry>().Where(a => a.Action.StartsWith("job")).Select(a => a.Action).ToListAsync();
        actions.Should().BeEquivalentTo(["job_schedule.run_now", "job.deleted"]);
    }
}
