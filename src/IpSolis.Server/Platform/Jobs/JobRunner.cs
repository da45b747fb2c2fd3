using IpSolis.Server.Platform.Observability;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// Runs one claimed job: finds its handler, enforces the kind's timeout, and records the outcome (success,
/// retry with backoff, dead, or handed back at shutdown).
/// </summary>
public sealed partial class JobRunner(
    JobStore store,
    JobKinds kinds,
    IServiceScopeFactory scopes,
    NodeIdentity node,
    TimeProvider time,
    JobMetrics metrics,
    ILogger<JobRunner> logger)
{
    private const int MaxErrorLength = 8000;

    /// <param name="job">A job this node claimed.</param>
    /// <param name="stop">Fires when the job was cancelled or taken over (or the grace is over).</param>
    /// <param name="graceOver">Fires when the node's shutdown grace is over: the job is handed back.</param>
    /// <param name="completeNow">Record a success right away instead of leaving it to the caller's batch.</param>
    public async Task<JobRunOutcome> RunAsync(Job job, CancellationToken stop, CancellationToken graceOver, bool completeNow = false)
    {
        var startedAt = time.GetUtcNow();
        metrics.Started(job.Kind, job.Queue, (job.StartedAt ?? startedAt) - job.RunAt);
        if (!kinds.TryGet(job.Kind, out var kind))
            return await FailAsync(job, startedAt, JobAttemptOutcomes.Failed, $"No handler is registered for the job kind '{job.Kind}' on node {node.Id}.", Domain.Jobs.JobBackoff.Default);

        using var timeout = new CancellationTokenSource(kind.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        await using var scope = scopes.CreateAsyncScope();
        await using var context = new JobContext(job, node.Id, store.Contexts);
        try
        {
            var handler = (IJobHandler)scope.ServiceProvider.GetRequiredService(kind.HandlerType);
            await handler.RunAsync(context, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            return await FailAsync(job, startedAt, JobAttemptOutcomes.TimedOut, $"Timed out after {kind.Timeout.TotalSeconds:0.###} s (attempt {job.Attempt} of {job.MaxAttempts}).", kind.Backoff);
        }
        catch (OperationCanceledException) when (graceOver.IsCancellationRequested)
        {
            var released = await store.ReleaseAsync(job, node.Id, time.GetUtcNow(), CancellationToken.None);
            LogReleased(logger, job.Id, job.Kind);
            return released ? JobRunOutcome.Released : JobRunOutcome.Lost;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return JobRunOutcome.Lost;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var error = ex.ToString();
            return await FailAsync(job, startedAt, JobAttemptOutcomes.Failed, error.Length > MaxErrorLength ? error[..MaxErrorLength] : error, kind.Backoff);
        }

        if (context.DatabaseIfUsed is { } work)
        {
            if (!await JobStore.CompleteWithAsync(work, job.Id, node.Id, time.GetUtcNow(), CancellationToken.None))
                return JobRunOutcome.Lost;
            RecordSuccess(job, startedAt);
            return JobRunOutcome.Succeeded;
        }

        if (!completeNow)
            return JobRunOutcome.SucceededWithoutDatabase;
        if (await store.CompleteAsync([job.Id], node.Id, time.GetUtcNow(), CancellationToken.None) == 0)
            return JobRunOutcome.Lost;
        RecordSuccess(job, startedAt);
        return JobRunOutcome.Succeeded;
    }

    /// <summary>Counts a success the caller recorded.</summary>
    public void RecordSuccess(Job job, DateTimeOffset? startedAt = null) =>
        metrics.Succeeded(job.Kind, job.Queue, time.GetUtcNow() - (startedAt ?? job.StartedAt ?? time.GetUtcNow()));

    private async Task<JobRunOutcome> FailAsync(Job job, DateTimeOffset startedAt, string outcome, string error, Domain.Jobs.JobBackoff backoff)
    {
        var now = time.GetUtcNow();
        var retryAt = backoff.RetryAt(job.Attempt, job.MaxAttempts, now, Random.Shared.NextDouble());
        if (!await store.FailAsync(job, node.Id, outcome, error, retryAt, now, CancellationToken.None))
            return JobRunOutcome.Lost;
        metrics.Failed(job.Kind, job.Queue, now - startedAt, dead: retryAt is null);
        if (retryAt is null)
            LogDead(logger, job.Id, job.Kind, job.Attempt, FirstLine(error));
        else
            LogRetry(logger, job.Id, job.Kind, job.Attempt, job.MaxAttempts, retryAt.Value, FirstLine(error));
        return retryAt is null ? JobRunOutcome.Dead : JobRunOutcome.Failed;
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} ({Kind}) attempt {Attempt} of {MaxAttempts} failed; retrying at {RetryAt:O}: {Error}")]
    private static partial void LogRetry(ILogger logger, long jobId, string kind, int attempt, int maxAttempts, DateTimeOffset retryAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} ({Kind}) is dead after attempt {Attempt}: {Error}")]
    private static partial void LogDead(ILogger logger, long jobId, string kind, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} ({Kind}) handed back at shutdown")]
    private static partial void LogReleased(ILogger logger, long jobId, string kind);
}
