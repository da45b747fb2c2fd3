using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Orders.Portal;

/// <summary>One line of "My orders".</summary>
public sealed record MyOrderRow(
    long Id,
    OrderAction Action,
    OrderStatus Status,
    string TypeName,
    string? AssetName,
    DateTimeOffset From,
    DateTimeOffset Until,
    DateTimeOffset CreatedAt);
