namespace IpSolis.Server.Features.Orders.Admin;

/// <summary>One page of the admin orders list, newest first, with the cursors (order ids) to the older and newer
/// pages; a cursor is null at that end of the list.</summary>
public sealed record OrderListPage(IReadOnlyList<OrderListRow> Rows, long? OlderCursor, long? NewerCursor);
