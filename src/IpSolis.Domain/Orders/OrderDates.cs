namespace IpSolis.Domain.Orders;

/// <summary>
/// Date rules of a new order. Dates are instants in UTC; the portal sends whole days (midnight UTC), so "today" is
/// any instant of the current UTC day.
/// </summary>
public static class OrderDates
{
    /// <summary>How far before the start of today (or before now, whichever is earlier) a start may lie: clock skew
    /// between a caller and the server must not refuse an order that starts "now".</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Checks <paramref name="from"/> and <paramref name="until"/>: until after from; from not in the past (today
    /// counts, within <see cref="Grace"/>); from at most <paramref name="maxAdvanceDays"/> days ahead when that is
    /// above 0; the whole order at most <paramref name="maximumLifetimeDays"/> days long when set.
    /// </summary>
    public static IReadOnlyList<DomainError> Check(
        DateTimeOffset from, DateTimeOffset until, DateTimeOffset now, int maxAdvanceDays, int? maximumLifetimeDays)
    {
        var errors = new List<DomainError>();
        var today = StartOfDay(now);
        var earliest = (today < now ? today : now) - Grace;
        if (from < earliest)
            errors.Add(new DomainError("order.from_in_past", $"The start {Day(from)} is in the past; start today ({Day(now)}) or later.", "from"));
        else if (maxAdvanceDays > 0 && StartOfDay(from) > today.AddDays(maxAdvanceDays))
            errors.Add(new DomainError("order.from_too_far", $"The start can be at most {maxAdvanceDays} days ahead (until {Day(today.AddDays(maxAdvanceDays))}).", "from"));

        if (until <= from)
            errors.Add(new DomainError("order.until_not_after_from", "The end must be after the start.", "until"));
        else if (maximumLifetimeDays is { } days && until - from > TimeSpan.FromDays(days))
            errors.Add(new DomainError("order.too_long", $"An order of this type can last at most {days} days; end on {Day(from.AddDays(days))} or earlier.", "until"));
        return errors;
    }

    /// <summary>Whether <paramref name="from"/> lies on a later UTC day than <paramref name="now"/> (the order waits for its date).</summary>
    public static bool StartsOnLaterDay(DateTimeOffset from, DateTimeOffset now) => StartOfDay(from) > StartOfDay(now);

    /// <summary>Midnight UTC of the instant's day.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, 0, 0, 0, TimeSpan.Zero);
    }

    private static string Day(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
