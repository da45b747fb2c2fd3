namespace IpSolis.Server.Platform.Jobs;

/// <summary><c>jobs.noop</c>: does nothing. Measures what the queue itself costs (bench/jobs.sh).</summary>
internal sealed class NoopJob : IJobHandler
{
    public const string Kind = "jobs.noop";

    public Task RunAsync(JobContext job, CancellationToken cancellationToken) => Task.CompletedTask;
}
