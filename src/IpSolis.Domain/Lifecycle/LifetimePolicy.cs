namespace IpSolis.Domain.Lifecycle;

/// <summary>
/// How long an asset type's orders may live: whether holders may extend them, and the longest they may last from
/// their start, extensions included.
/// </summary>
/// <param name="Renewable">Whether an order's end may move later.</param>
/// <param name="MaximumLifetimeDays">Longest an order may last from its start; null means no limit.</param>
public sealed record LifetimePolicy(bool Renewable, int? MaximumLifetimeDays)
{
    /// <summary>The latest end an order starting at <paramref name="start"/> may have, or null when there is no limit.</summary>
    public DateTimeOffset? LatestEnd(DateTimeOffset start) =>
        MaximumLifetimeDays is { } days ? start.AddDays(days) : null;
}
