using IpSolis.Server.Platform.Observability;

namespace IpSolis.Server.Tests.Observability;

/// <summary>What a node does once after start-up to give unused memory back (docs/PERFORMANCE.md, idle memory).</summary>
public sealed class StartupMemoryReleaseTests
{
    [Fact]
    public void Release_RunsACompactingFullBlockingCollection()
    {
        var fullCollectionsBefore = GC.CollectionCount(GC.MaxGeneration);
        var lastFullBlockingBefore = GC.GetGCMemoryInfo(GCKind.FullBlocking).Index;

        StartupMemoryRelease.Release();

        GC.CollectionCount(GC.MaxGeneration).Should().BeGreaterThan(fullCollectionsBefore);
        var fullBlocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        fullBlocking.Index.Should().BeGreaterThan(lastFullBlockingBefore);
        fullBlocking.Compacted.Should().BeTrue("a collection that does not compact cannot give the freed segments back");
    }

    [Fact]
    public void TrimNativeHeap_OnGlibcLinux_ReachesMallocTrim()
    {
        // The nodes we ship for (Debian, Ubuntu, the container image) use glibc, as the test machines do: the call
        // must bind there, or the native heap is never trimmed and nobody notices.

        StartupMemoryRelease.TrimNativeHeap().Should().BeTrue();
    }
}
