using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IpSolis.Domain;
using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Orders;

/// <summary>JSON shapes of the orders API (camelCase; statuses and actions by their snake_case wire names).</summary>
internal static class OrderApiModels
{
    /// <summary>The body of <c>POST /api/v1/orders</c>. Dates are strings so a bad one is reported by field.</summary>
    public sealed record PlaceOrderBody
    {
        public long? AssetTypeId { get; init; }

        public string? RequesterEmail { get; init; }

        public string? OwnerEmail { get; init; }

        public string? From { get; init; }

        public string? Until { get; init; }

        public Dictionary<string, JsonElement>? Attributes { get; init; }

        public string? Justification { get; init; }

        public List<string>? RdpUsers { get; init; }

        public List<string>? AdminUsers { get; init; }
    }

    public sealed record AssignedAssetJson(long Id, string? Name);

    public sealed record OrderStepJson(
        int Position, string Code, string Name, string Status, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Output, string? Error);

    public sealed record OrderJson
    {
        public long Id { get; init; }

        public required string Status { get; init; }

        public required string Action { get; init; }

        public long AssetTypeId { get; init; }

        public long? ParentOrderId { get; init; }

        public required string RequesterEmail { get; init; }

        public required string RequesterName { get; init; }

        public string? OwnerEmail { get; init; }

        public string? OwnerName { get; init; }

        public DateTimeOffset From { get; init; }

        public DateTimeOffset Until { get; init; }

        public JsonElement Attributes { get; init; }

        public string? Justification { get; init; }

        public required IReadOnlyList<string> RdpUsers { get; init; }

        public required IReadOnlyList<string> AdminUsers { get; init; }

        public AssignedAssetJson? AssignedAsset { get; init; }

        public string? ErrorMessage { get; init; }

        public required string Source { get; init; }

        public required string PlacedBy { get; init; }

        public required string Classification { get; init; }

        public string? RequesterDepartment { get; init; }

        public string? RequesterCostCenter { get; init; }

        public string? RequesterTitle { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset UpdatedAt { get; init; }

        public DateTimeOffset? CompletedAt { get; init; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<OrderStepJson>? Steps { get; init; }
    }

    public sealed record OrderPage(IReadOnlyList<OrderJson> Items, string? NextCursor);

    /// <summary>How request bodies are read: web defaults, and an unknown property is an error naming it.</summary>
    public static readonly JsonSerializerOptions Read = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static OrderJson ToJson(Order order, string? assetName, IReadOnlyList<OrderStep>? steps = null) => new()
    {
        Id = order.Id,
        Status = WireName<OrderStatus>.Of(order.Status),
        Action = WireName<OrderAction>.Of(order.Action),
        AssetTypeId = order.AssetTypeId,
        ParentOrderId = order.ParentOrderId,
        RequesterEmail = order.RequesterEmail,
        RequesterName = order.RequesterName,
        OwnerEmail = order.OwnerEmail,
        OwnerName = order.OwnerName,
        From = order.RequestedFrom,
        Until = order.RequestedUntil,
        Attributes = OrderAttributes.Read(order.AttributesJson),
        Justification = order.Justification,
        RdpUsers = order.RdpUsers,
        AdminUsers = order.AdminUsers,
        AssignedAsset = order.AssignedAssetId is { } assetId ? new AssignedAssetJson(assetId, assetName) : null,
        ErrorMessage = order.ErrorMessage,
        Source = order.Source,
        PlacedBy = order.PlacedBy,
        Classification = order.Classification,
        RequesterDepartment = order.RequesterDepartment,
        RequesterCostCenter = order.RequesterCostCenter,
        RequesterTitle = order.RequesterTitle,
        CreatedAt = order.CreatedAt,
        UpdatedAt = order.UpdatedAt,
        CompletedAt = order.CompletedAt,
        Steps = steps?.OrderBy(s => s.Position).Select(s => new OrderStepJson(
            s.Position, s.Code, s.Name, WireName<StepStatus>.Of(s.Status), s.StartedAt, s.FinishedAt, s.Output, s.Error)).ToList(),
    };

    /// <summary>A date (<c>2025-05-01</c>, midnight UTC) or an ISO 8601 date and time (UTC unless it has an offset).</summary>
    public static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);

    /// <summary>An attribute value as the raw texts the schema check takes; null when its JSON kind cannot be one.</summary>
    public static IReadOnlyList<string>? AttributeTexts(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Number => [value.GetRawText()],
        JsonValueKind.True => ["true"],
        JsonValueKind.False => ["false"],
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is JsonValueKind.String or JsonValueKind.Number) =>
            [.. value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())],
        _ => null,
    };
}
