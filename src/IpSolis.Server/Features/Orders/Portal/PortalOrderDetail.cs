using IpSolis.Server.Features.Catalog;

namespace IpSolis.Server.Features.Orders.Portal;

/// <summary>Everything the portal's order page shows one of the order's people.</summary>
/// <param name="Steps">The order's step log; empty when the type's step visibility is off.</param>
/// <param name="Related">The other orders of the family the person reaches (the provision order, its changes and
/// returns), oldest first.</param>
public sealed record PortalOrderDetail(
    Order Order,
    AssetType Type,
    string? AssetName,
    IReadOnlyList<MyOrderRow> Related,
    IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<OrderStep> Steps);
