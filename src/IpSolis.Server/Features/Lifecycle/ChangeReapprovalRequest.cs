using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>A change as the re-approval hook sees it: the active order, the modify order that carries the change
/// (already saved, with its id), the asset type, who asked, and what kind of change it is.</summary>
/// <param name="Extends">The end moves later.</param>
/// <param name="AddsUsers">The RDP or local admin list names someone it did not before.</param>
/// <param name="ChangesOwner">The owner changes (or is removed).</param>
public sealed record ChangeReapprovalRequest(
    Order Parent,
    Order Change,
    AssetType Type,
    OrderCaller Caller,
    bool Extends,
    bool AddsUsers,
    bool ChangesOwner);
