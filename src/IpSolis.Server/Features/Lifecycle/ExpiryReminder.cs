using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>An active order whose end is near: who to tell (the requester, and the owner when there is one) and when it ends.</summary>
public sealed record ExpiryReminder(Order Order, AssetType Type, IReadOnlyList<string> Recipients, DateTimeOffset Until, TimeSpan Remaining);
