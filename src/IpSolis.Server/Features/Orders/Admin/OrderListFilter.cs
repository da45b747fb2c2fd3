using System.Globalization;
using IpSolis.Domain;
using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>
/// What the admin orders list filters by, read from the page's query string (a GET form). Empty parts match
/// everything. <see cref="CreatedTo"/> is exclusive: a day picked as "to" means through the end of that day.
/// </summary>
public sealed record OrderListFilter
{
    public OrderStatus? Status { get; init; }

    public OrderAction? Action { get; init; }

    public long? AssetTypeId { get; init; }

    /// <summary>Part of the requester's e-mail address (case-insensitive).</summary>
    public string? Requester { get; init; }

    public DateTimeOffset? CreatedFrom { get; init; }

    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only orders in <c>processing</c> for longer than <see cref="OrdersNeedingAttention.StuckAfter"/>.</summary>
    public bool Stuck { get; init; }

    public bool IsEmpty => this == new OrderListFilter();

    /// <summary>
    /// Reads the query-string values of the filter form. A value that cannot be read is reported by field name
    /// (and left out of the filter), so the page can say what is wrong instead of silently showing everything.
    /// </summary>
    public static OrderListFilter Read(
        string? status, string? action, string? type, string? requester, string? from, string? to, string? stuck,
        out IReadOnlyDictionary<string, string> errors)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var filter = new OrderListFilter();

        if (!string.IsNullOrWhiteSpace(status))
        {
            if (WireName<OrderStatus>.TryParse(status, out var parsed))
                filter = filter with { Status = parsed };
            else
                problems["status"] = $"'{status}' is not an order status. Use one of: {string.Join(", ", WireName<OrderStatus>.All)}.";
        }

        if (!string.IsNullOrWhiteSpace(action))
        {
            if (WireName<OrderAction>.TryParse(action, out var parsed))
                filter = filter with { Action = parsed };
            else
                problems["action"] = $"'{action}' is not an order action. Use one of: {string.Join(", ", WireName<OrderAction>.All)}.";
        }

        if (!string.IsNullOrWhiteSpace(type))
        {
            if (long.TryParse(type, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                filter = filter with { AssetTypeId = id };
            else
                problems["type"] = $"'{type}' is not an asset type id.";
        }

        if (!string.IsNullOrWhiteSpace(requester))
        {
            var text = requester.Trim();
            if (text.Length > 320)
                problems["requester"] = "The requester search takes at most 320 characters.";
            else
                filter = filter with { Requester = text };
        }

        var fromDay = Day(from, "from", problems);
        var toDay = Day(to, "to", problems);
        if (fromDay is { } f && toDay is { } t && t < f)
            problems["to"] = "'Created to' must not be before 'Created from'.";
        else
            filter = filter with { CreatedFrom = fromDay, CreatedTo = toDay?.AddDays(1) };

        if (!string.IsNullOrWhiteSpace(stuck))
            filter = filter with { Stuck = stuck is "1" or "true" or "on" };

        errors = problems;
        return filter;
    }

    /// <summary>The filter as query-string pairs, in the form's own names (for links that keep it).</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToQuery()
    {
        if (Status is { } status)
            yield return new("status", WireName<OrderStatus>.Of(status));
        if (Action is { } action)
            yield return new("action", WireName<OrderAction>.Of(action));
        if (AssetTypeId is { } type)
            yield return new("type", type.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(Requester))
            yield return new("requester", Requester);
        if (CreatedFrom is { } from)
            yield return new("from", DayText(from));
        if (CreatedTo is { } to)
            yield return new("to", DayText(to.AddDays(-1)));
        if (Stuck)
            yield return new("stuck", "1");
    }

    public static string DayText(DateTimeOffset day) => day.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Day(string? text, string field, Dictionary<string, string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateTime.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.Year, day.Month, day.Day, 0, 0, 0, TimeSpan.Zero);
        problems[field] = $"'{text}' is not a date (YYYY-MM-DD).";
        return null;
    }
}
