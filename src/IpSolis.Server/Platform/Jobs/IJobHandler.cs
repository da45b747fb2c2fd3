namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// Runs one kind of job. A job may run more than once (its node died after the work but before recording success),
/// so a handler must be idempotent: check before acting, or write its effects through <see cref="JobContext.Database"/>,
/// which commits together with the job's success or not at all. Honour the token: it fires on timeout, on cancel
/// from the UI, when the lease is lost and when the node's shutdown grace runs out.
/// </summary>
public interface IJobHandler
{
    Task RunAsync(JobContext job, CancellationToken cancellationToken);
}
