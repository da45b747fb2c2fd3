namespace IpSolis.Server.Features.Lifecycle;

/// <summary>The body of <c>POST /api/v1/orders/{id}/change</c>; a missing part stays as it is.</summary>
/// <param name="Until">New end (extension or shortening): a date (midnight UTC) or an ISO 8601 instant. A string,
/// so a bad one is reported by field.</param>
/// <param name="RdpUsers">The whole new RDP list.</param>
/// <param name="AdminUsers">The whole new local admin list.</param>
/// <param name="OwnerEmail">New owner; an empty string removes the owner.</param>
public sealed record ChangeOrderRequest(string? Until, IReadOnlyList<string>? RdpUsers, IReadOnlyList<string>? AdminUsers, string? OwnerEmail);
