using IpSolis.Domain.Jobs;
using IpSolis.Server.Platform.Jobs;

namespace IpSolis.Server.Tests.Jobs;

/// <summary>Job kinds the tests register: one that always fails, one that only stops when its token fires.</summary>
public static class TestJobs
{
    public const string Failing = "test.failing";
    public const string Stuck = "test.stuck";

    public static readonly TimeSpan StuckTimeout = TimeSpan.FromMinutes(2);

    public static void Register(IServiceCollection services)
    {
        services.AddJobKind<FailingJob>(new JobKind(Failing, typeof(FailingJob))
        {
            MaxAttempts = 3,
            Backoff = new JobBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), Jitter: 0.2),
        });
        services.AddJobKind<StuckJob>(new JobKind(Stuck, typeof(StuckJob)) { MaxAttempts = 2, Timeout = StuckTimeout });
    }

    public sealed class FailingJob : IJobHandler
    {
        public Task RunAsync(JobContext job, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"directory unreachable on attempt {job.Attempt}");
    }

    public sealed class StuckJob : IJobHandler
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<long, TaskCompletionSource> Started = new();

        public async Task RunAsync(JobContext job, CancellationToken cancellationToken)
        {
            Started.GetOrAdd(job.Id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
    }
}
