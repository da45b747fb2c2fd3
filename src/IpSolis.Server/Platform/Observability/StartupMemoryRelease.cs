using System.Runtime;
using System.Runtime.InteropServices;

namespace IpSolis.Server.Platform.Observability;

/// <summary>
/// Gives the memory that start-up needed and no longer uses back to the operating system, once, a few seconds after
/// the node started: a compacting full collection that also decommits the GC's free space, then glibc's
/// <c>malloc_trim</c> for the native heap. Start-up (migrations, model building, the first request building the
/// endpoints) leaves several MB committed that a node at rest never needs again; measured at about 6 MB of the idle
/// node's resident memory (docs/PERFORMANCE.md, idle memory). A node that is busy by then loses nothing but one
/// collection.
/// </summary>
internal sealed partial class StartupMemoryRelease(
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<StartupMemoryRelease> logger) : BackgroundService
{
    /// <summary>Long enough for the start-up work that follows <c>ApplicationStarted</c> (the first probes, the
    /// scheduler's first pass) to have run.</summary>
    internal static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        await Task.Delay(Delay, time, stoppingToken);

        var before = Environment.WorkingSet;
        Release();
        LogReleased(logger, before / 1_000_000.0, Environment.WorkingSet / 1_000_000.0);
    }

    internal static void Release()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
            TrimNativeHeap();
    }

    /// <summary>glibc's <c>malloc_trim</c>; false where there is none (musl has no such export), which must not stop
    /// the node.</summary>
    internal static bool TrimNativeHeap()
    {
        try
        {
            MallocTrim(0);
            return true;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code in the whole project for one call.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054

    [LoggerMessage(Level = LogLevel.Debug, Message = "Released start-up memory: working set {BeforeMb:F1} MB -> {AfterMb:F1} MB")]
    private static partial void LogReleased(ILogger logger, double beforeMb, double afterMb);
}
