using System.Collections.Concurrent;
using System.Data.Common;
using System.Threading.Channels;
using IpSolis.Server.Platform.Configuration;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// The worker role: per queue, claims ready jobs up to the queue's concurrency and runs them; renews the leases of
/// running jobs and stops handlers whose job was cancelled or taken over; rescues jobs whose node died. On shutdown
/// it stops claiming, lets running jobs finish within the grace, then hands the rest back.
/// </summary>
internal sealed partial class JobWorker(
    JobStore store,
    JobRunner runner,
    JobSignal signal,
    IOptions<JobsOptions> options,
    IOptions<ServerOptions> server,
    NodeIdentity node,
    TimeProvider time,
    ILogger<JobWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<long, RunningJob> _running = new();
    private readonly Channel<RunningJob> _completions = Channel.CreateUnbounded<RunningJob>(new UnboundedChannelOptions { SingleReader = true });

    // Runs beyond the claiming loops: leases must be renewed and completions saved while the last jobs drain.
    private readonly CancellationTokenSource _background = new();

    // Fires when the shutdown grace is over: handlers still running are stopped and their jobs handed back.
    private readonly CancellationTokenSource _graceOver = new();

    private Task _keepingLeases = Task.CompletedTask;

    private Task _savingCompletions = Task.CompletedTask;

    private JobsOptions Options => options.Value;

    public int RunningCount => _running.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queues = Options.WorkedQueues();
        LogWorking(logger, string.Join(", ", queues.Select(q => $"{q}×{Options.ConcurrencyOf(q)}")));
        _keepingLeases = Task.Run(() => KeepLeasesAsync(_background.Token), CancellationToken.None);
        _savingCompletions = Task.Run(() => SaveCompletionsAsync(_background.Token), CancellationToken.None);
        await Task.WhenAll(queues.Select(q => Task.Run(() => WorkQueueAsync(q, stoppingToken), CancellationToken.None)));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken); // the claiming loops have ended
        var grace = TimeSpan.FromSeconds(Math.Max(0, server.Value.ShutdownGraceSeconds - 2));
        if (!_running.IsEmpty)
        {
            LogDraining(logger, _running.Count, grace.TotalSeconds);
            var drained = Task.WhenAll(_running.Values.Select(r => r.Finished.Task));
            await Task.WhenAny(drained, Task.Delay(grace, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default));
        }

        await _graceOver.CancelAsync();
        if (!_running.IsEmpty)
        {
            // Handlers saw their token fire; give them a moment to hand their jobs back.
            var handedBack = Task.WhenAll(_running.Values.Select(r => r.Finished.Task));
            await Task.WhenAny(handedBack, Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None));
        }

        // The completion saver ends once it has saved what is queued; the lease keeper runs until it is told to stop,
        // so it is stopped only after the saver (waiting for both together held every shutdown for the full 3 s).
        _completions.Writer.TryComplete();
        await Task.WhenAny(_savingCompletions, Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None));
        await _background.CancelAsync();
        await Task.WhenAny(_keepingLeases, Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None));
    }

    // The two sources are not disposed: they hold no timers, and the host may dispose this service before it stops it
    // (WebApplicationFactory does when a test ends).
    private async Task WorkQueueAsync(string queue, CancellationToken stoppingToken)
    {
        var concurrency = Options.ConcurrencyOf(queue);
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var poll = TimeSpan.FromSeconds(Options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var free = 1;
            while (slots.Wait(0))
                free++;

            List<Job> claimed;
            try
            {
                var now = time.GetUtcNow();
                claimed = await store.ClaimAsync(queue, free, node.Id, now, now + Lease, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                slots.Release(free);
                return;
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException or InvalidOperationException)
            {
                slots.Release(free);
                LogClaimFailed(logger, queue, ex);
                await Pause(poll, stoppingToken);
                continue;
            }

            if (claimed.Count < free)
                slots.Release(free - claimed.Count);
            foreach (var job in claimed)
                Start(job, slots);

            if (claimed.Count == 0)
            {
                try
                {
                    await signal.WaitAsync(queue, poll, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Start(Job job, SemaphoreSlim slots)
    {
        var running = new RunningJob(job, CancellationTokenSource.CreateLinkedTokenSource(_graceOver.Token));
        _running[job.Id] = running;
        var slotReleased = false;
        _ = Task.Run(async () =>
        {
            try
            {
                var outcome = await runner.RunAsync(job, running.Stop.Token, _graceOver.Token);
                if (outcome == JobRunOutcome.SucceededWithoutDatabase)
                {
                    // The slot frees now, so the next claim overlaps with saving this batch; the job stays in
                    // _running (leases renewed, shutdown waits for it) until its success is saved.
                    ReleaseSlot(slots);
                    await _completions.Writer.WriteAsync(running, CancellationToken.None);
                    await running.Finished.Task;
                    return;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogRunFailed(logger, job.Id, job.Kind, ex);
            }
            finally
            {
                _running.TryRemove(job.Id, out _);
                running.Finished.TrySetResult();
                running.Stop.Dispose();
                if (!slotReleased)
                    ReleaseSlot(slots);
            }
        }, CancellationToken.None);

        void ReleaseSlot(SemaphoreSlim queueSlots)
        {
            slotReleased = true;
            try
            {
                queueSlots.Release();
            }
            catch (ObjectDisposedException)
            {
                // The queue loop ended (shutdown); nothing claims any more.
            }
        }
    }

    private TimeSpan Lease => TimeSpan.FromSeconds(Options.LeaseSeconds);

    /// <summary>Saves successes in batches: under load one statement completes many jobs.</summary>
    private async Task SaveCompletionsAsync(CancellationToken cancellationToken)
    {
        var batch = new List<RunningJob>();
        try
        {
            while (await _completions.Reader.WaitToReadAsync(cancellationToken))
            {
                while (batch.Count < 1000 && _completions.Reader.TryRead(out var done))
                    batch.Add(done);
                await SaveBatchAsync(batch, cancellationToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SaveBatchAsync(List<RunningJob> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var ids = batch.Select(b => b.Job.Id).ToList();
                var saved = await store.CompleteAsync(ids, node.Id, time.GetUtcNow(), cancellationToken);
                if (saved < ids.Count)
                    LogCompletionsLost(logger, ids.Count - saved);
                foreach (var done in batch)
                {
                    runner.RecordSuccess(done.Job);
                    done.Finished.TrySetResult();
                }

                return;
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException && attempt < 5)
            {
                LogClaimFailed(logger, "completions", ex);
                await Pause(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException)
            {
                // The leases expire and the jobs run again elsewhere: handlers are idempotent.
                LogClaimFailed(logger, "completions", ex);
                foreach (var done in batch)
                    done.Finished.TrySetResult();
                return;
            }
        }
    }

    private async Task KeepLeasesAsync(CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(Options.HeartbeatSeconds);
        while (!cancellationToken.IsCancellationRequested)
        {
            await Pause(interval, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
                return;
            try
            {
                var ids = _running.Keys.ToList();
                if (ids.Count > 0)
                {
                    var held = await store.RenewAsync(ids, node.Id, time.GetUtcNow() + Lease, cancellationToken);
                    foreach (var id in ids.Where(id => !held.Contains(id)))
                    {
                        if (_running.TryGetValue(id, out var lost) && !lost.Finished.Task.IsCompleted)
                        {
                            LogLeaseLost(logger, id);
                            try
                            {
                                await lost.Stop.CancelAsync();
                            }
                            catch (ObjectDisposedException)
                            {
                                // The job ended between the check above and here, and its run disposed the source:
                                // nothing is left to stop, and this round must still rescue expired jobs below.
                            }
                        }
                    }
                }

                foreach (var queue in await store.RescueExpiredAsync(time.GetUtcNow(), cancellationToken))
                    signal.Notify(queue);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException or InvalidOperationException or ObjectDisposedException)
            {
                LogClaimFailed(logger, "leases", ex);
            }
        }
    }

    private async Task Pause(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed class RunningJob(Job job, CancellationTokenSource stop)
    {
        public Job Job { get; } = job;

        /// <summary>Fires when the job was cancelled or taken over, or the grace is over.</summary>
        public CancellationTokenSource Stop { get; } = stop;

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker started on queues {Queues}")]
    private static partial void LogWorking(ILogger logger, string queues);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting up to {GraceSeconds} s for {Count} running job(s) to finish")]
    private static partial void LogDraining(ILogger logger, int count, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job database work failed ({Area}); retrying")]
    private static partial void LogClaimFailed(ILogger logger, string area, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost job {JobId}: it was cancelled or another node took it over; stopping its handler")]
    private static partial void LogLeaseLost(ILogger logger, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} finished job(s) were no longer held by this node; another node runs them again")]
    private static partial void LogCompletionsLost(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} ({Kind}) could not be run or recorded")]
    private static partial void LogRunFailed(ILogger logger, long jobId, string kind, Exception exception);
}
