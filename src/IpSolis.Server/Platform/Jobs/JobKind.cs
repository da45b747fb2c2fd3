using IpSolis.Domain.Jobs;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>A registered kind of job: its name, handler and how it is run and retried.</summary>
/// <param name="Name">Dotted name in the product's words, like <c>notifications.send_mail</c>; stored with each job.</param>
/// <param name="HandlerType">The <see cref="IJobHandler"/> that runs it.</param>
public sealed record JobKind(string Name, Type HandlerType)
{
    /// <summary>The queue a job of this kind goes to unless the request names one.</summary>
    public string Queue { get; init; } = JobQueues.Default;

    /// <summary>How long one attempt may run before its token fires and the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    public int MaxAttempts { get; init; } = 5;

    public JobBackoff Backoff { get; init; } = JobBackoff.Default;
}
