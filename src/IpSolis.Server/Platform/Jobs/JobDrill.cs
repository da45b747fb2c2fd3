namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// <c>jobs.drill</c>: checks a worker pool end to end. Optionally sleeps, then records its job id, attempt and node
/// in <c>job_drill_results</c> through the job's unit of work, so the row commits with the job's success exactly
/// once. <c>ipsolis jobs drill --report</c> then finds lost and duplicated work.
/// </summary>
internal sealed class JobDrill(TimeProvider time) : JobHandler<JobDrillPayload>
{
    public const string Kind = "jobs.drill";

    protected override async Task RunAsync(JobContext job, JobDrillPayload payload, CancellationToken cancellationToken)
    {
        if (payload.SleepMs > 0)
            await Task.Delay(TimeSpan.FromMilliseconds(payload.SleepMs), time, cancellationToken);
        if (job.Attempt <= payload.FailAttempts)
            throw new InvalidOperationException($"Drill job {job.Id} fails attempt {job.Attempt} on purpose ({payload.FailAttempts} failing attempts asked for).");
        job.Database.Add(new JobDrillResult
        {
            JobId = job.Id,
            Batch = payload.Batch ?? "",
            Attempt = job.Attempt,
            NodeId = job.NodeId,
            FinishedAt = time.GetUtcNow(),
        });
    }
}
