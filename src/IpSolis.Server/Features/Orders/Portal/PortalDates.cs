using System.Globalization;
using IpSolis.Domain.Orders;
using IpSolis.Server.Web.Resources;
using Microsoft.Extensions.Localization;

namespace IpSolis.Server.Features.Orders.Portal;

/// <summary>
/// Dates on portal pages. Orders start and end on whole UTC days (the order form sends midnight UTC), so they are
/// shown as days in the reader's language, and an end as a distance from today ("in 12 days").
/// </summary>
internal sealed class PortalDates(IStringLocalizer<PortalStrings> localizer, DateTimeOffset now)
{
    public DateTimeOffset Now { get; } = now;

    /// <summary>The UTC day of <paramref name="instant"/>, in the current language's date format.</summary>
    public string Day(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString(localizer["DateFormat"], CultureInfo.CurrentCulture);

    /// <summary>Day and time (UTC) for events of a timeline or a step log.</summary>
    public string Moment(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString(localizer["DateTimeFormat"], CultureInfo.CurrentCulture) + " UTC";

    /// <summary>How far the end of an order is from today: "today", "tomorrow", "in 12 days", "3 days ago".</summary>
    public string Distance(DateTimeOffset instant)
    {
        var days = (OrderDates.StartOfDay(instant) - OrderDates.StartOfDay(Now)).Days;
        return days switch
        {
            0 => localizer["DayToday"],
            1 => localizer["DayTomorrow"],
            -1 => localizer["DayYesterday"],
            > 1 => localizer["DaysAhead", days],
            _ => localizer["DaysAgo", -days],
        };
    }

    /// <summary>The <c>yyyy-MM-dd</c> value of a date input for the UTC day of <paramref name="instant"/>.</summary>
    public static string InputValue(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads a date input's value as midnight UTC of that day, or null when it is not a date.</summary>
    public static DateTimeOffset? ParseDay(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
}
