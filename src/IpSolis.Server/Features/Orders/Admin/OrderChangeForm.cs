using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Lifecycle;
using IpSolis.Server.Features.Lifecycle;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>
/// Reads the admin change form into an <see cref="OrderChange"/> holding only what differs from the order: the form
/// comes filled with the current values, and a part sent back unchanged must not count as a change (re-sending an
/// unchanged list would otherwise look like new access to approve).
/// </summary>
public static class OrderChangeForm
{
    /// <param name="until">A day (YYYY-MM-DD); the order keeps its time of day.</param>
    /// <param name="owner">The owner's address; empty removes the owner.</param>
    /// <param name="rdpUsers">One person per line; null when the form has no such field.</param>
    public static Result<OrderChange> Read(Order order, string? until, string? owner, string? rdpUsers, string? adminUsers)
    {
        var change = new OrderChange();
        if (until is not null)
        {
            var day = until.Trim();
            if (day.Length == 0)
                return new DomainError("order.until_required", "Until is required: give the day the order ends.", ExtensionRules.UntilField);
            if (!DateTime.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return new DomainError("order.until_invalid", $"Until: '{day}' is not a date (YYYY-MM-DD).", ExtensionRules.UntilField);
            if (date.Date != order.RequestedUntil.UtcDateTime.Date)
                change = change with { Until = new DateTimeOffset(date.Date + order.RequestedUntil.UtcDateTime.TimeOfDay, TimeSpan.Zero) };
        }

        if (owner is not null)
        {
            var email = owner.Trim();
            if (!string.Equals(email, order.OwnerEmail ?? "", StringComparison.OrdinalIgnoreCase))
                change = change with { OwnerEmail = email };
        }

        if (rdpUsers is not null && Lines(rdpUsers) is var rdp && !rdp.SequenceEqual(order.RdpUsers, StringComparer.OrdinalIgnoreCase))
            change = change with { RdpUsers = rdp };
        if (adminUsers is not null && Lines(adminUsers) is var admins && !admins.SequenceEqual(order.AdminUsers, StringComparer.OrdinalIgnoreCase))
            change = change with { AdminUsers = admins };

        if (change == new OrderChange())
            return new DomainError("order.nothing_to_change", "Nothing was changed: edit the end date, the owner or a list first.");
        return change;
    }

    /// <summary>Non-empty lines, trimmed, each person once.</summary>
    public static IReadOnlyList<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];
}
