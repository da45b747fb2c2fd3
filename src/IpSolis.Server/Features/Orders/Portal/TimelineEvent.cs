using IpSolis.Domain.Orders;

namespace IpSolis.Server.Features.Orders.Portal;

/// <summary>One entry of the order page's timeline: an order of the family (the provision order and the changes
/// and returns that act on it) was created, started running, or reached <paramref name="Status"/>.</summary>
public sealed record TimelineEvent(DateTimeOffset At, long OrderId, OrderAction Action, TimelineMoment Moment, OrderStatus Status);
