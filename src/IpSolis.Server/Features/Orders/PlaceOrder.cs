namespace IpSolis.Server.Features.Orders;

/// <summary>
/// A new order as every entry point hands it to <see cref="OrderPlacement"/> (portal form, API, admin "order for a
/// user"). The requester is the person the asset is for; the entry point sets it from the session (portal) or the
/// request (API, admin) and never trusts a form field for the portal.
/// </summary>
public sealed record PlaceOrder(long AssetTypeId, string RequesterEmail, DateTimeOffset From, DateTimeOffset Until)
{
    public string? OwnerEmail { get; init; }

    /// <summary>Raw attribute values by key (several only for MULTI_ENUM), checked against the type's schema.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public string? Justification { get; init; }

    public IReadOnlyList<string> RdpUsers { get; init; } = [];

    public IReadOnlyList<string> AdminUsers { get; init; } = [];

    /// <summary><c>portal</c>, <c>api</c> or <c>admin</c>.</summary>
    public required string Source { get; init; }
}
