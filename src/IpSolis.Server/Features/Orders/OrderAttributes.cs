using System.Text.Json;
using IpSolis.Domain.Catalog;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// How an order's checked attribute values are stored: a JSON object of plain values by key (text as a string,
/// INT as a number, BOOL as true/false, MULTI_ENUM as an array), the same shape the API takes and shows.
/// </summary>
public static class OrderAttributes
{
    public static string Write(IReadOnlyDictionary<string, AttributeValue> values)
    {
        var plain = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
            plain[key] = value.Choices is { } choices ? choices : value.Flag is { } flag ? flag : value.Number is { } number ? number : value.Text;
        return JsonColumn.Write(plain);
    }

    /// <summary>The stored values as a JSON object (an empty object when there are none).</summary>
    public static JsonElement Read(string? json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.Clone();
    }
}
