using System.Diagnostics;
using IpSolis.Domain;
using IpSolis.Domain.Jobs;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>The worker role in process, on the real clock: start latency, cancel, graceful shutdown.</summary>
public sealed class JobWorkerTests
{
    private static Task<JobsHost> WorkerAsync(Dictionary<string, string?>? settings = null) => JobsHost.StartAsync(
        TimeProvider.System,
        new Dictionary<string, string?>(settings ?? [])
        {
            ["Jobs:HeartbeatSeconds"] = "1",
            ["Jobs:LeaseSeconds"] = "5",
            // Polling as slow as allowed: a job starting fast proves the wake-up, not the poll.
            ["Jobs:PollSeconds"] = "60",
            ["Server:ShutdownGraceSeconds"] = "4",
        },
        TestJobs.Register,
        NodeRole.Worker);

    private static async Task<Job> WaitForAsync(JobsHost host, long id, Func<Job, bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await host.JobAsync(id);
            if (condition(job))
                return job;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"Job {id} is {job.State} after {timeout.TotalSeconds} s.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task IdleWorker_StartsAnEnqueuedJobWithinASecond_AndRecordsItsSideEffectOnce()
    {
        await using var host = await WorkerAsync();
        await host.StartBackgroundAsync();
        await Task.Delay(500); // the listener connects

        var latencies = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var enqueued = Stopwatch.StartNew();
            var id = (await host.EnqueueAsync(new JobRequest(JobDrill.Kind, new JobDrillPayload("latency"))))!.Value;
            var job = await WaitForAsync(host, id, j => j.State == JobState.Succeeded, TimeSpan.FromSeconds(10));
            latencies.Add(enqueued.Elapsed);
            job.Attempt.Should().Be(1);
        }

        latencies.Max().Should().BeLessThan(TimeSpan.FromSeconds(1), "an idle worker is woken by the enqueue, not by the 60 s poll");
        await using var db = await host.DbAsync();
        (await db.Set<JobDrillResult>().CountAsync(r => r.Batch == "latency")).Should().Be(5);
    }

    [Fact]
    public async Task CancellingARunningJob_FiresItsHandlersToken()
    {
        await using var host = await WorkerAsync();
        await host.StartBackgroundAsync();
        var id = (await host.EnqueueAsync(new JobRequest(TestJobs.Stuck)))!.Value;
        var started = TestJobs.StuckJob.Started.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var actions = host.Services.GetRequiredService<Features.Maintenance.Jobs.JobActions>();
        (await actions.CancelAsync(id, new Platform.Audit.AuditActor("test:operator"), CancellationToken.None)).Should().Be(Features.Maintenance.Jobs.JobActionResult.Done);

        var worker = host.Services.GetRequiredService<JobWorker>();
        var clock = Stopwatch.StartNew();
        while (worker.RunningCount > 0 && clock.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(20);
        worker.RunningCount.Should().Be(0, "the heartbeat noticed the cancel and stopped the handler");
        (await host.JobAsync(id)).State.Should().Be(JobState.Cancelled);
        await using var db = await host.DbAsync();
        (await db.Set<Platform.Audit.AuditEntry>().CountAsync(a => a.Action == "job.cancelled")).Should().Be(1);
    }

    [Fact]
    public async Task GracefulShutdown_LetsShortJobsFinish_AndHandsLongOnesBack()
    {
        await using var host = await WorkerAsync();
        await host.StartBackgroundAsync();
        var stuck = (await host.EnqueueAsync(new JobRequest(TestJobs.Stuck)))!.Value;
        var started = TestJobs.StuckJob.Started.GetOrAdd(stuck, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var quick = (await host.EnqueueAsync(new JobRequest(JobDrill.Kind, new JobDrillPayload("shutdown", SleepMs: 800))))!.Value;
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitForAsync(host, quick, j => j.State == JobState.Running, TimeSpan.FromSeconds(10));

        var stopping = Stopwatch.StartNew();
        await host.StopBackgroundAsync();

        stopping.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
        (await host.JobAsync(quick)).State.Should().Be(JobState.Succeeded, "a job that finishes within the grace completes");
        var handedBack = await host.JobAsync(stuck);
        handedBack.State.Should().Be(JobState.Pending);
        handedBack.LeaseOwner.Should().BeNull("another node takes it at once, without waiting for the lease");
        handedBack.Attempt.Should().Be(0, "the interrupted attempt does not count");
        handedBack.Attempts.Should().ContainSingle().Which.Outcome.Should().Be(JobAttemptOutcomes.Released);
    }
}
