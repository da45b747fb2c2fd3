namespace IpSolis.Server.Platform.Http;

/// <summary>
/// When a node refuses requests rather than letting them pile up (section <c>LoadShedding</c>). Health endpoints and
/// <c>/metrics</c> are never refused. The defaults are far above what one node serves normally (the benchmarks run
/// 32–64 concurrent clients), so only a genuine overload sheds.
/// </summary>
public sealed class LoadSheddingOptions
{
    public const string Section = "LoadShedding";

    /// <summary>Off: no request is ever refused for load (the figures are still reported).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests processed at once; more wait in a queue.</summary>
    public int MaxConcurrentRequests { get; set; } = 512;

    /// <summary>Requests that may wait for a slot; one more is refused at once.</summary>
    public int MaxQueuedRequests { get; set; } = 2048;

    /// <summary>How long a request waits for a slot before it is refused.</summary>
    public int MaxQueueWaitMilliseconds { get; set; } = 2000;

    /// <summary>
    /// SQLite: refuse new requests while more writers than this wait for the single write lock (each would wait
    /// its turn behind all of them).
    /// </summary>
    public int MaxSqliteWriteWaiters { get; set; } = 200;

    /// <summary>
    /// The <c>Retry-After</c> given to refused clients, and how long a node refuses new requests after PostgreSQL's
    /// connection pool ran dry (a request timed out waiting for a connection).
    /// </summary>
    public int RetryAfterSeconds { get; set; } = 5;
}
