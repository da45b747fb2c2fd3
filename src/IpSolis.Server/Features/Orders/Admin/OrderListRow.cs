using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>One line of the admin orders list.</summary>
public sealed record OrderListRow(
    long Id,
    long AssetTypeId,
    string AssetTypeName,
    string RequesterEmail,
    string RequesterName,
    OrderStatus Status,
    OrderAction Action,
    DateTimeOffset RequestedFrom,
    DateTimeOffset RequestedUntil,
    long? AssignedAssetId,
    string? AssignedAssetName,
    DateTimeOffset CreatedAt);
