using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Jobs;

namespace IpSolis.Server.Tests.Data;

/// <summary>
/// The hourly <c>database.optimize</c> job: on SQLite it gives the query planner statistics for the tables that have
/// none, which is what keeps "requester = x OR owner = x" on its indexes; on PostgreSQL it leaves the work to autovacuum.
/// </summary>
public sealed class DatabaseOptimizeTests
{
    private const string AdminKey = "legacy-admin-key-for-optimize-tests-0123456789";

    [Fact]
    public async Task TheScheduledJob_Succeeds_AndOnSqlite_LeavesStatisticsForAFilledTable()
    {
        await using var factory = await IpSolisFactory.CreateAsync(new Dictionary<string, string?> { ["Security:AdminApiKey"] = AdminKey });
        using var api = factory.CreateClient();
        api.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        var now = DateTimeOffset.UtcNow.UtcTicks;
        var series = factory.Database.IsPostgres
            ? "SELECT g FROM generate_series(1, 2000) AS g"
            : "WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < 2000) SELECT g FROM s";
        var created = factory.Database.IsPostgres ? "now()" : now.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await DirectSql.ExecuteAsync(factory.Database,
            $"INSERT INTO directory_people (email, display_name, is_active, failed_sign_in_count, created_at, updated_at) " +
            $"SELECT 'person' || g || '@example.test', 'Person ' || g, {(factory.Database.IsPostgres ? "true" : "1")}, 0, {created}, {created} FROM ({series}) AS numbers");

        await WorkerNodes.WaitUntilAsync(async () =>
            (await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/jobs")).GetProperty("schedules").EnumerateArray()
                .Any(s => s.GetProperty("name").GetString() == "database.optimize"),
            TimeSpan.FromSeconds(20), "the optimize schedule to appear");
        var run = await api.PostAsync("/api/v1/admin/jobs/schedules/database.optimize/run", null);
        run.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var jobId = (await run.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetInt64();
        await WorkerNodes.WaitUntilAsync(async () =>
            (await api.GetFromJsonAsync<JsonElement>($"/api/v1/admin/jobs/{jobId}")).GetProperty("state").GetString() == "succeeded",
            TimeSpan.FromSeconds(30), "the optimize job to succeed");

        if (!factory.Database.IsPostgres)
        {
            var statistics = await DirectSql.ScalarAsync<long>(factory.Database,
                "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'directory_people' AND idx = 'ix_directory_people_email'");
            statistics.Should().Be(1, "PRAGMA optimize analyzes a table that has rows and no statistics");
        }
    }
}
