namespace IpSolis.Server.Platform.Jobs;

/// <summary>A handler whose payload is a typed JSON document.</summary>
public abstract class JobHandler<TPayload> : IJobHandler
{
    public Task RunAsync(JobContext job, CancellationToken cancellationToken) =>
        RunAsync(job, job.PayloadAs<TPayload>(), cancellationToken);

    protected abstract Task RunAsync(JobContext job, TPayload payload, CancellationToken cancellationToken);
}
