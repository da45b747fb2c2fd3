using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Tests.Data;

public sealed class RowGateTests
{
    [Fact]
    public async Task Enter_OneKeyFromManyTasks_NeverTwoInsideAtOnce()
    {
        var gate = new RowGate();
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            using (await gate.EnterAsync(7, CancellationToken.None))
            {
                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref most, now);
                await Task.Yield();
                Interlocked.Decrement(ref inside);
            }
        })));

        most.Should().Be(1);
        gate.ActiveKeys.Should().Be(0, "an entry lives only while someone holds or waits for its key");
    }

    [Fact]
    public async Task Enter_OtherKeyWhileOneIsHeld_IsNotKeptWaiting()
    {
        var gate = new RowGate();
        using var held = await gate.EnterAsync(1, CancellationToken.None);

        var other = gate.EnterAsync(2, CancellationToken.None).AsTask();
        var same = gate.EnterAsync(1, CancellationToken.None).AsTask();

        (await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(other);
        same.IsCompleted.Should().BeFalse("key 1 is still held");
        (await other).Dispose();
        held.Dispose();
        (await same).Dispose();
        gate.ActiveKeys.Should().Be(0);
    }

    [Fact]
    public async Task Enter_CancelledWhileWaiting_ThrowsAndLeavesTheKeyUsable()
    {
        var gate = new RowGate();
        var held = await gate.EnterAsync(3, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(3, cancel.Token).AsTask();
        await cancel.CancelAsync();

        await waiting.Invoking(async w => await w).Should().ThrowAsync<OperationCanceledException>();
        gate.ActiveKeys.Should().Be(1, "only the holder remains");
        held.Dispose();
        held.Dispose();
        gate.ActiveKeys.Should().Be(0, "disposing twice releases once");
        using var again = await gate.EnterAsync(3, CancellationToken.None);
        gate.ActiveKeys.Should().Be(1);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                return;
        }
    }
}
