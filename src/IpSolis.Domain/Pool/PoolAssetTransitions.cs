namespace IpSolis.Domain.Pool;

/// <summary>
/// The one table of allowed pool-asset status changes. The UI, the API and the jobs all ask here, so no path can put
/// an asset where another path does not expect it (an order's asset in maintenance, a free asset still held).
/// </summary>
public static class PoolAssetTransitions
{
    private static readonly Dictionary<PoolAssetChange, (PoolAssetStatus From, PoolAssetStatus To)[]> Allowed = new()
    {
        [PoolAssetChange.Reserve] = [(PoolAssetStatus.Free, PoolAssetStatus.Reserved)],
        [PoolAssetChange.MarkBusy] = [(PoolAssetStatus.Reserved, PoolAssetStatus.Busy), (PoolAssetStatus.Busy, PoolAssetStatus.Busy)],
        [PoolAssetChange.Release] =
        [
            (PoolAssetStatus.Reserved, PoolAssetStatus.Free), (PoolAssetStatus.Busy, PoolAssetStatus.Free),
        ],
        [PoolAssetChange.ReleaseForReinstall] =
        [
            (PoolAssetStatus.Reserved, PoolAssetStatus.Reinstall), (PoolAssetStatus.Busy, PoolAssetStatus.Reinstall),
        ],
        [PoolAssetChange.Operator] =
        [
            (PoolAssetStatus.Free, PoolAssetStatus.Maintenance), (PoolAssetStatus.Free, PoolAssetStatus.Reinstall),
            (PoolAssetStatus.Maintenance, PoolAssetStatus.Free), (PoolAssetStatus.Maintenance, PoolAssetStatus.Reinstall),
            (PoolAssetStatus.Failed, PoolAssetStatus.Free), (PoolAssetStatus.Failed, PoolAssetStatus.Reinstall),
            (PoolAssetStatus.Failed, PoolAssetStatus.Maintenance),
            (PoolAssetStatus.Reinstall, PoolAssetStatus.Free), (PoolAssetStatus.Reinstall, PoolAssetStatus.Maintenance),
            (PoolAssetStatus.Reinstalling, PoolAssetStatus.Reinstall),
        ],
        [PoolAssetChange.Recycler] =
        [
            (PoolAssetStatus.Reinstall, PoolAssetStatus.Reinstalling), (PoolAssetStatus.Reinstalling, PoolAssetStatus.Free),
            (PoolAssetStatus.Reinstalling, PoolAssetStatus.Failed),
        ],
        [PoolAssetChange.ForceRelease] =
        [
            (PoolAssetStatus.Reserved, PoolAssetStatus.Free), (PoolAssetStatus.Busy, PoolAssetStatus.Free),
            (PoolAssetStatus.Maintenance, PoolAssetStatus.Free), (PoolAssetStatus.Reinstall, PoolAssetStatus.Free),
            (PoolAssetStatus.Reinstalling, PoolAssetStatus.Free), (PoolAssetStatus.Failed, PoolAssetStatus.Free),
        ],
    };

    public static bool IsAllowed(PoolAssetStatus from, PoolAssetStatus to, PoolAssetChange change) =>
        Allowed.TryGetValue(change, out var moves) && moves.Contains((from, to));

    /// <summary>The statuses <paramref name="change"/> may move an asset in <paramref name="from"/> to.</summary>
    public static IReadOnlyList<PoolAssetStatus> Targets(PoolAssetStatus from, PoolAssetChange change) =>
        Allowed.TryGetValue(change, out var moves) ? [.. moves.Where(m => m.From == from).Select(m => m.To).Distinct()] : [];

    /// <summary>Checks a move, with an error that says what is allowed instead.</summary>
    public static Result<PoolAssetStatus> Check(PoolAssetStatus from, PoolAssetStatus to, PoolAssetChange change)
    {
        if (IsAllowed(from, to, change))
            return Result<PoolAssetStatus>.Success(to);
        var targets = Targets(from, change);
        var instead = targets.Count == 0
            ? "nothing"
            : string.Join(", ", targets.Select(WireName<PoolAssetStatus>.Of));
        return new DomainError(
            "pool_asset.transition_not_allowed",
            $"A {WireName<PoolAssetStatus>.Of(from)} asset cannot become {WireName<PoolAssetStatus>.Of(to)} ({Describe(change)}); allowed: {instead}.",
            "status");
    }

    /// <summary>Whether an order may be holding an asset in this status (so it must not be deleted or retyped).</summary>
    public static bool IsHeld(PoolAssetStatus status) => status is PoolAssetStatus.Reserved or PoolAssetStatus.Busy;

    private static string Describe(PoolAssetChange change) => change switch
    {
        PoolAssetChange.Reserve => "reserving for an order",
        PoolAssetChange.MarkBusy => "an order was provisioned",
        PoolAssetChange.Release => "releasing after an order",
        PoolAssetChange.ReleaseForReinstall => "releasing for reinstall",
        PoolAssetChange.Operator => "set by an operator",
        PoolAssetChange.Recycler => "rebuilt by a recycler",
        PoolAssetChange.ForceRelease => "force release",
        _ => change.ToString(),
    };
}
