using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>An order linked to the one shown: its parent (the provision order a change or end acts on) or a child.</summary>
public sealed record RelatedOrder(long Id, OrderAction Action, OrderStatus Status, DateTimeOffset CreatedAt, string PlacedBy);
