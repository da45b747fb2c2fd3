using IpSolis.Server.Platform.Data;
using Microsoft.Extensions.Options;

namespace IpSolis.Server.Platform.Http;

/// <summary>
/// The node's request slots for <see cref="LoadShedding"/>: at most <see cref="LoadSheddingOptions.MaxConcurrentRequests"/>
/// run, up to <see cref="LoadSheddingOptions.MaxQueuedRequests"/> wait (each at most
/// <see cref="LoadSheddingOptions.MaxQueueWaitMilliseconds"/>), and while the database is saturated — SQLite
/// writers queued past <see cref="LoadSheddingOptions.MaxSqliteWriteWaiters"/>, or PostgreSQL's pool ran dry within
/// the last <see cref="LoadSheddingOptions.RetryAfterSeconds"/> — new requests are refused before they add to it.
/// </summary>
public sealed class RequestAdmission(IOptions<LoadSheddingOptions> options, SqliteWriteGate writeGate, TimeProvider time)
{
    public const string Concurrency = "concurrency";
    public const string QueueTimeout = "queue_timeout";
    public const string Database = "database";

    // Options are read on the first request, never while the pipeline is built (config validate reports them).
    private LoadSheddingOptions? _options;
    private SemaphoreSlim? _slots;
    private int _inFlight;
    private int _queued;
    private long _databaseBusyUntilTicks;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Queued => Volatile.Read(ref _queued);

    public LoadSheddingOptions Options => _options ??= options.Value;

    /// <summary>Takes a slot, or says why not (one of the reason constants). A slot taken must be given back with <see cref="Leave"/>.</summary>
    public async ValueTask<string?> EnterAsync(CancellationToken cancellationToken)
    {
        var settings = Options;
        var slots = LazyInitializer.EnsureInitialized(ref _slots, () => new SemaphoreSlim(settings.MaxConcurrentRequests, settings.MaxConcurrentRequests));
        // Off: no slot is taken, but requests are still counted so the in-flight figure means the same.
        if (settings.Enabled)
        {
            if (DatabaseSaturated(settings))
                return Database;
            if (!slots.Wait(0))
            {
                if (Interlocked.Increment(ref _queued) > settings.MaxQueuedRequests)
                {
                    Interlocked.Decrement(ref _queued);
                    return Concurrency;
                }

                bool entered;
                try
                {
                    entered = await slots.WaitAsync(settings.MaxQueueWaitMilliseconds, cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _queued);
                }

                if (!entered)
                    return QueueTimeout;
            }
        }

        Interlocked.Increment(ref _inFlight);
        return null;
    }

    public void Leave()
    {
        Interlocked.Decrement(ref _inFlight);
        if (Options.Enabled)
            _slots!.Release();
    }

    /// <summary>A request timed out waiting for a database connection: refuse new requests for a while.</summary>
    public void DatabasePoolExhausted() =>
        Interlocked.Exchange(ref _databaseBusyUntilTicks, (time.GetUtcNow() + TimeSpan.FromSeconds(Options.RetryAfterSeconds)).UtcTicks);

    private bool DatabaseSaturated(LoadSheddingOptions settings) =>
        writeGate.Waiting > settings.MaxSqliteWriteWaiters
        || time.GetUtcNow().UtcTicks < Interlocked.Read(ref _databaseBusyUntilTicks);
}
