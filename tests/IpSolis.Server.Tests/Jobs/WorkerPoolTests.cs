using System.Text.Json;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>
/// Real worker processes on PostgreSQL: nothing lost or done twice with three nodes, a killed node's jobs finish on
/// the survivors, and a killed leader is replaced without any recurring tick firing twice.
/// </summary>
[Collection(WorkerPoolCollection.Name)]
public sealed class WorkerPoolTests(PostgresForJobs postgres) : IClassFixture<PostgresForJobs>
{
    private static JsonElement Report(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public async Task ThreeNodes_Process10000DrillJobs_EachRecordedExactlyOnce()
    {
        await using var pool = await WorkerNodes.StartAsync(postgres.AdminConnectionString, 3);

        await pool.RunAsync("jobs", "drill", "--count", "10000", "--batch", "ten-thousand");
        await WorkerNodes.WaitUntilAsync(
            async () => await pool.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'jobs.drill' AND state = 'succeeded'") == 10_000,
            TimeSpan.FromSeconds(150), "10,000 drill jobs succeeding");

        var report = Report(await pool.RunAsync("jobs", "drill", "--report", "--batch", "ten-thousand", "--json"));
        report.GetProperty("jobs").GetInt32().Should().Be(10_000);
        report.GetProperty("succeeded").GetInt32().Should().Be(10_000);
        report.GetProperty("recorded").GetInt32().Should().Be(10_000);
        report.GetProperty("duplicates").GetInt32().Should().Be(0);
        report.GetProperty("missing").GetInt32().Should().Be(0);
        report.GetProperty("byNode").EnumerateObject().Should().HaveCount(3, "every node took part");
        (await pool.ScalarAsync<long>("SELECT count(*) FROM job_drill_results")).Should().Be(10_000);
    }

    [Fact]
    public async Task KilledNodeHoldingRunningJobs_ItsJobsCompleteOnTheSurvivorsWithinLeasePlus10Seconds()
    {
        await using var pool = await WorkerNodes.StartAsync(postgres.AdminConnectionString, 3);
        await pool.RunAsync("jobs", "drill", "--count", "45", "--sleep-ms", "2500", "--batch", "kill");

        string victimId = "";
        await WorkerNodes.WaitUntilAsync(async () =>
        {
            var holders = await pool.PairsAsync("SELECT lease_owner, count(*) FROM jobs WHERE state = 'running' GROUP BY lease_owner ORDER BY 2 DESC");
            victimId = holders.FirstOrDefault().Key ?? "";
            return holders.Count > 0 && holders[0].Count >= 3;
        }, TimeSpan.FromSeconds(30), "a node running jobs");
        var victim = pool.ByNodeId(victimId);
        var held = await pool.ScalarAsync<long>($"SELECT count(*) FROM jobs WHERE state = 'running' AND lease_owner = '{victimId}'");

        victim.KillHard();
        var recovered = await WorkerNodes.WaitUntilAsync(
            async () => await pool.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE kind = 'jobs.drill' AND state = 'succeeded'") == 45,
            TimeSpan.FromSeconds(40), "all 45 drill jobs succeeding");

        recovered.Should().BeLessThan(TimeSpan.FromSeconds(5 + 10), "lease (5 s) + 10 s");
        held.Should().BeGreaterThan(0);
        var report = Report(await pool.RunAsync("jobs", "drill", "--report", "--batch", "kill", "--json"));
        report.GetProperty("duplicates").GetInt32().Should().Be(0);
        report.GetProperty("missing").GetInt32().Should().Be(0);
        report.GetProperty("byNode").TryGetProperty(victimId, out _).Should().BeFalse("the killed node never recorded a success");
        (await pool.ScalarAsync<long>($"SELECT count(*) FROM job_attempts WHERE outcome = 'lease_expired' AND node_id = '{victimId}'")).Should().BeGreaterThanOrEqualTo(held);
    }

    [Fact]
    public async Task KilledLeader_IsReplacedWithin10Seconds_AndNoTickFiresTwice()
    {
        await using var pool = await WorkerNodes.StartAsync(postgres.AdminConnectionString, 3, new Dictionary<string, string?>
        {
            ["IPSOLIS_Jobs__Schedules__heartbeat__Cron"] = "*/2 * * * * *",
            ["IPSOLIS_Jobs__Schedules__heartbeat__Kind"] = "jobs.noop",
        });
        const string Fired = "SELECT count(*) FROM jobs WHERE schedule_name = 'heartbeat'";
        await WorkerNodes.WaitUntilAsync(async () => await pool.ScalarAsync<long>(Fired) >= 2, TimeSpan.FromSeconds(30), "two ticks fired");
        var leaderId = await pool.ScalarAsync<string>("SELECT node_id FROM job_leaders");

        var firedBeforeKill = await pool.ScalarAsync<long>(Fired);
        pool.ByNodeId(leaderId).KillHard();
        var killedAt = DateTimeOffset.UtcNow;
        var failover = await WorkerNodes.WaitUntilAsync(
            async () => await pool.ScalarAsync<string>("SELECT node_id FROM job_leaders") != leaderId,
            TimeSpan.FromSeconds(20), "another node leading");
        failover.Should().BeLessThan(TimeSpan.FromSeconds(10));
        var newLeader = await pool.ScalarAsync<string>("SELECT node_id FROM job_leaders");

        await WorkerNodes.WaitUntilAsync(async () => await pool.ScalarAsync<long>(Fired) >= firedBeforeKill + 3, TimeSpan.FromSeconds(30), "ticks under the new leader");
        var twice = await pool.PairsAsync("SELECT unique_key, count(*) FROM jobs WHERE schedule_name = 'heartbeat' GROUP BY unique_key HAVING count(*) > 1");
        twice.Should().BeEmpty("a tick is fired once, whichever node leads");
        (await pool.ScalarAsync<long>($"SELECT count(*) FROM jobs WHERE schedule_name = 'heartbeat' AND created_at > '{killedAt:O}'")).Should().BeGreaterThanOrEqualTo(3);
        newLeader.Should().NotBe(leaderId);
    }
}

[CollectionDefinition(Name)]
public sealed class WorkerPoolCollection
{
    public const string Name = "worker pool";
}
