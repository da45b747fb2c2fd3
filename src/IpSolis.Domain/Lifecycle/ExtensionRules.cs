using System.Globalization;
using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Lifecycle;

/// <summary>
/// Whether an active order's end may move to a new date. A later end is an extension: only renewable types allow
/// it, and never past the start plus the type's maximum lifetime. An earlier end (a shortening) is always allowed
/// while it stays in the future. The reference product enforced none of this (§11 item 20).
/// </summary>
public static class ExtensionRules
{
    public const string UntilField = "until";

    /// <summary>
    /// Checks moving the end of an order from <paramref name="currentUntil"/> to <paramref name="newUntil"/>.
    /// Returns null when allowed, otherwise the first rule it breaks.
    /// </summary>
    /// <param name="status">The order's status; only an active one can be changed.</param>
    /// <param name="start">When the order started (its requested start); the maximum lifetime counts from here.</param>
    public static DomainError? Check(
        OrderStatus status,
        DateTimeOffset start,
        DateTimeOffset currentUntil,
        DateTimeOffset newUntil,
        DateTimeOffset now,
        LifetimePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!OrderStatuses.Active.Contains(status))
            return NotActive(status);
        if (newUntil <= now || newUntil <= start)
            return new DomainError("order.until_not_in_future", $"The new end must be in the future (after {Format(Max(now, start))}).", UntilField);
        if (IsExtension(currentUntil, newUntil) && !policy.Renewable)
            return new DomainError("order.not_renewable", "This asset type cannot be extended; its orders may only be shortened or returned.", UntilField);
        if (policy.LatestEnd(start) is { } latest && newUntil > latest)
        {
            return new DomainError(
                "order.beyond_maximum_lifetime",
                $"The order may last at most {policy.MaximumLifetimeDays} days from its start: the latest allowed end is {Format(latest)}.",
                UntilField);
        }

        return null;
    }

    /// <summary>Whether the move makes the order last longer.</summary>
    public static bool IsExtension(DateTimeOffset currentUntil, DateTimeOffset newUntil) => newUntil > currentUntil;

    /// <summary>The refusal for changing an order that is not active, naming its status.</summary>
    public static DomainError NotActive(OrderStatus status) => new(
        "order.transition_not_allowed",
        $"Only an active (provisioned) order can be changed; this one is {WireName<OrderStatus>.Of(status)}.",
        "status");

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
