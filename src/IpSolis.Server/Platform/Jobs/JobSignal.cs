using System.Collections.Concurrent;

namespace IpSolis.Server.Platform.Jobs;

/// <summary>
/// Wakes this node's idle workers of a queue when work arrives: from an enqueue in this process, from PostgreSQL
/// <c>NOTIFY</c> for enqueues on other nodes, and from the rescuer. Wake-ups coalesce; polling covers any that are lost.
/// </summary>
public sealed class JobSignal
{
    /// <summary>The PostgreSQL channel enqueues notify; the payload is the queue name.</summary>
    public const string Channel = "ipsolis_jobs";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _queues = new(StringComparer.Ordinal);

    public void Notify(string queue)
    {
        var gate = Gate(queue);
        // At most one pending wake-up per queue: a burst of enqueues wakes a worker once, which then claims a batch.
        if (gate.CurrentCount == 0)
        {
            try
            {
                gate.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread released it in between: the wake-up is already pending.
            }
        }
    }

    /// <summary>Waits for a wake-up of <paramref name="queue"/> or until <paramref name="timeout"/> passes.</summary>
    public Task<bool> WaitAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        Gate(queue).WaitAsync(timeout, cancellationToken);

    private SemaphoreSlim Gate(string queue) => _queues.GetOrAdd(queue, _ => new SemaphoreSlim(0, 1));
}
