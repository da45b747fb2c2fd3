using IpSolis.Domain.Jobs;
using IpSolis.Server.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>Enqueue, unique keys, retries, timeouts, dead-lettering and lease rescue on the provider under test,
/// with a clock the test moves.</summary>
public sealed class JobQueueTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    private static Task<JobsHost> HostAsync(FakeTime time) => JobsHost.StartAsync(time, services: TestJobs.Register);

    [Fact]
    public async Task Enqueue_InRolledBackTransaction_LeavesNoJob()
    {
        await using var host = await HostAsync(new FakeTime(Start));
        await using (var db = await host.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var id = await host.Queue.EnqueueAsync(db, new JobRequest(NoopJob.Kind));
            id.Should().NotBeNull();
            (await db.Set<Job>().CountAsync()).Should().Be(1, "the job is visible inside its own transaction");
            await transaction.RollbackAsync();
        }

        await using var check = await host.DbAsync();
        (await check.Set<Job>().CountAsync()).Should().Be(0);
        (await host.Store.ClaimAsync(JobQueues.Default, 10, host.Node.Id, Start, Start.AddSeconds(30), CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Enqueue_OutsideATransaction_IsRefused()
    {
        await using var host = await HostAsync(new FakeTime(Start));
        await using var db = await host.DbAsync();

        var enqueue = () => host.Queue.EnqueueAsync(db, new JobRequest(NoopJob.Kind));

        await enqueue.Should().ThrowAsync<InvalidOperationException>().WithMessage("*transaction*");
    }

    [Fact]
    public async Task Enqueue_UnknownKind_IsRefused()
    {
        await using var host = await HostAsync(new FakeTime(Start));
        await using var db = await host.DbAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();

        var enqueue = () => host.Queue.EnqueueAsync(db, new JobRequest("orders.nonexistent"));

        await enqueue.Should().ThrowAsync<ArgumentException>().WithMessage("*not a registered job kind*");
    }

    [Fact]
    public async Task Enqueue_SameUniqueKeyInParallel_CreatesOneLiveJob_AndAgainOnceItFinished()
    {
        var time = new FakeTime(Start);
        await using var host = await HostAsync(time);

        var ids = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            host.EnqueueAsync(new JobRequest(NoopJob.Kind) { UniqueKey = "asset:42:reclaim" }))));

        ids.Count(id => id is not null).Should().Be(1);
        await using (var db = await host.DbAsync())
            (await db.Set<Job>().CountAsync(j => j.UniqueKey == "asset:42:reclaim")).Should().Be(1);

        // While it runs the key is still taken; once it succeeded, the key is free again.
        var claimed = await host.Store.ClaimAsync(JobQueues.Default, 10, host.Node.Id, Start, Start.AddSeconds(30), CancellationToken.None);
        claimed.Should().ContainSingle();
        (await host.EnqueueAsync(new JobRequest(NoopJob.Kind) { UniqueKey = "asset:42:reclaim" })).Should().BeNull();
        (await host.Runner.RunAsync(claimed[0], CancellationToken.None, CancellationToken.None, completeNow: true)).Should().Be(JobRunOutcome.Succeeded);
        (await host.EnqueueAsync(new JobRequest(NoopJob.Kind) { UniqueKey = "asset:42:reclaim" })).Should().NotBeNull();
    }

    [Fact]
    public async Task FailingJob_RetriesWithExponentialBackoff_ThenIsDead_KeepingEveryError()
    {
        var time = new FakeTime(Start);
        await using var host = await HostAsync(time);
        var id = (await host.EnqueueAsync(new JobRequest(TestJobs.Failing)))!.Value;

        var expectedWaits = new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20) };
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var claimed = await host.Store.ClaimAsync(JobQueues.Default, 10, host.Node.Id, time.GetUtcNow(), time.GetUtcNow().AddSeconds(30), CancellationToken.None);
            claimed.Should().ContainSingle().Which.Attempt.Should().Be(attempt, "handlers receive the attempt number");
            var failedAt = time.GetUtcNow();
            var outcome = await host.Runner.RunAsync(claimed[0], CancellationToken.None, CancellationToken.None, completeNow: true);

            var job = await host.JobAsync(id);
            if (attempt < 3)
            {
                outcome.Should().Be(JobRunOutcome.Failed);
                job.State.Should().Be(JobState.Pending);
                var wait = job.RunAt - failedAt;
                wait.Should().BeGreaterThanOrEqualTo(expectedWaits[attempt - 1] * 0.8).And.BeLessThanOrEqualTo(expectedWaits[attempt - 1] * 1.2);
                // Not before the backoff is over.
                (await host.Store.ClaimAsync(JobQueues.Default, 10, host.Node.Id, job.RunAt.AddMilliseconds(-1), job.RunAt.AddSeconds(30), CancellationToken.None)).Should().BeEmpty();
                time.Set(job.RunAt);
            }
            else
            {
                outcome.Should().Be(JobRunOutcome.Dead);
                job.State.Should().Be(JobState.Dead);
                job.FinishedAt.Should().Be(failedAt);
                job.LastError.Should().Contain("directory unreachable on attempt 3");
                job.Attempts.OrderBy(a => a.Attempt).Select(a => (a.Attempt, a.Outcome)).Should().Equal(
                    (1, JobAttemptOutcomes.Failed), (2, JobAttemptOutcomes.Failed), (3, JobAttemptOutcomes.Failed));
                job.Attempts.Select(a => a.Error).Should().OnlyContain(e => e!.Contains("directory unreachable"));
            }
        }

        time.Advance(TimeSpan.FromDays(1));
        (await host.Store.ClaimAsync(JobQueues.Default, 10, host.Node.Id, time.GetUtcNow(), time.GetUtcNow().AddSeconds(30), CancellationToken.None)).Should().BeEmpty("dead jobs are not run again");
    }

    [Fact]
    public async Task StuckJob_WhenItsTimeoutPasses_GetsItsTokenFired_AndCountsAsFailedAttempt()
    {
        var time = new FakeTime(Start);
        await using var host = await HostAsync(time);
        var id = (await host.EnqueueAsync(new JobRequest(TestJobs.Stuck)))!.Value;
        var claimed = (await host.Store.ClaimAsync(JobQueues.Default, 1, host.Node.Id, Start, Start.AddMinutes(30), CancellationToken.None)).Single();
        var started = TestJobs.StuckJob.Started.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

        var run = host.Runner.RunAsync(claimed, CancellationToken.None, CancellationToken.None, completeNow: true);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TestJobs.StuckTimeout - TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        run.IsCompleted.Should().BeFalse("the timeout has not passed yet");
        time.Advance(TimeSpan.FromSeconds(1));

        (await run.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(JobRunOutcome.Failed);
        var job = await host.JobAsync(id);
        job.State.Should().Be(JobState.Pending);
        job.Attempts.Should().ContainSingle().Which.Outcome.Should().Be(JobAttemptOutcomes.TimedOut);
        job.LastError.Should().StartWith("Timed out after 120 s");
    }

    [Fact]
    public async Task ExpiredLease_IsRescued_AndTheNextNodeGetsTheNextAttempt()
    {
        var time = new FakeTime(Start);
        await using var host = await HostAsync(time);
        var id = (await host.EnqueueAsync(new JobRequest(NoopJob.Kind) { MaxAttempts = 3 }))!.Value;
        (await host.Store.ClaimAsync(JobQueues.Default, 1, "node-that-dies", Start, Start.AddSeconds(30), CancellationToken.None)).Should().ContainSingle();

        (await host.Store.RescueExpiredAsync(Start.AddSeconds(29), CancellationToken.None)).Should().BeEmpty("the lease still runs");
        (await host.Store.RescueExpiredAsync(Start.AddSeconds(31), CancellationToken.None)).Should().Equal(JobQueues.Default);

        var again = await host.Store.ClaimAsync(JobQueues.Default, 1, "survivor", Start.AddSeconds(31), Start.AddSeconds(61), CancellationToken.None);
        again.Should().ContainSingle().Which.Attempt.Should().Be(2);
        (await host.Store.CompleteAsync([id], "node-that-dies", Start.AddSeconds(32), CancellationToken.None)).Should().Be(0, "the dead node's late success must not count");
        (await host.Store.CompleteAsync([id], "survivor", Start.AddSeconds(32), CancellationToken.None)).Should().Be(1);
        var job = await host.JobAsync(id);
        job.State.Should().Be(JobState.Succeeded);
        job.Attempts.Should().ContainSingle().Which.Should().Match<JobAttempt>(a => a.Outcome == JobAttemptOutcomes.LeaseExpired && a.NodeId == "node-that-dies");
    }

    [Fact]
    public async Task Claim_HonoursQueueAndPriority()
    {
        var time = new FakeTime(Start);
        await using var host = await HostAsync(time);
        var low = await host.EnqueueAsync(new JobRequest(NoopJob.Kind) { Priority = 0 });
        var high = await host.EnqueueAsync(new JobRequest(NoopJob.Kind) { Priority = 5 });
        await host.EnqueueAsync(new JobRequest(NoopJob.Kind) { Queue = JobQueues.Provision });
        await host.EnqueueAsync(new JobRequest(NoopJob.Kind) { RunAt = Start.AddMinutes(5) });

        var first = await host.Store.ClaimAsync(JobQueues.Default, 1, host.Node.Id, Start, Start.AddSeconds(30), CancellationToken.None);
        var rest = await host.Store.ClaimAsync(JobQueues.Default, 10, host.Node.Id, Start, Start.AddSeconds(30), CancellationToken.None);

        first.Select(j => (long?)j.Id).Should().Equal(high);
        rest.Select(j => (long?)j.Id).Should().Equal(low);
    }
}
