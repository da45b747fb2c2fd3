using IpSolis.Server.Features.Orders.Portal;

namespace IpSolis.Server.Features.Lifecycle.Portal;

/// <summary>What "My IT" lists: the assets a person holds now (soonest expiry first) and those on their way or on
/// their way back (awaiting approval, scheduled, being set up, failed, being returned).</summary>
public sealed record MyItView(IReadOnlyList<MyOrderRow> Active, IReadOnlyList<MyOrderRow> Pending);
