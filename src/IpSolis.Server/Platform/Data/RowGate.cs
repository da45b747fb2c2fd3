namespace IpSolis.Server.Platform.Data;

/// <summary>
/// Lets one task at a time of this node work on one key (a row's id); tasks for other keys run freely. A hot row that
/// every writer locks (<c>FOR UPDATE</c>) is then waited for here, in process, instead of by one database connection
/// per waiting request: 200 parallel orders for one asset type used to hold 50 pooled connections queued on one row
/// lock, and every commit woke them all. The row lock stays the guarantee across nodes; this gate only keeps a
/// node's own queue out of the database. Entries live only while someone holds or waits for their key.
/// </summary>
public sealed class RowGate
{
    private readonly Dictionary<long, Entry> _entries = [];

    /// <summary>Keys with a holder or a waiter right now (for tests).</summary>
    public int ActiveKeys
    {
        get
        {
            lock (_entries)
                return _entries.Count;
        }
    }

    /// <summary>Waits for the key; dispose the result to let the next task in.</summary>
    public async ValueTask<IDisposable> EnterAsync(long key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
                _entries[key] = entry = new Entry();
            entry.Users++;
        }

        var entered = false;
        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
            entered = true;
            return new Holder(this, key, entry);
        }
        finally
        {
            if (!entered)
                Forget(key, entry);
        }
    }

    private void Forget(long key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
                _entries.Remove(key);
        }
    }

    private sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Users;
    }

    private sealed class Holder(RowGate owner, long key, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
                return;
            entry.Gate.Release();
            owner.Forget(key, entry);
        }
    }
}
