using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// Who acts on an order and what they may reach: a portal user acts on orders they requested or own; an
/// administrator or token on orders of the asset types in their scope. An order outside reach is "not found".
/// </summary>
public sealed record OrderCaller(AuditActor Actor, string? PortalEmail, AssetTypeScope Scope)
{
    public static OrderCaller Portal(AuditActor actor, string email) => new(actor, email.ToLowerInvariant(), AssetTypeScope.Everything);

    public static OrderCaller Administrator(AuditActor actor, AssetTypeScope scope) => new(actor, null, scope);

    public static OrderCaller System(string job) => new(AuditActor.System(job), null, AssetTypeScope.Everything);

    public bool IsPortal => PortalEmail is not null;

    /// <summary>Whether the caller may see and act on <paramref name="order"/>.</summary>
    public bool Reaches(Order order) => PortalEmail is { } email
        ? string.Equals(order.RequesterEmail, email, StringComparison.OrdinalIgnoreCase)
          || string.Equals(order.OwnerEmail, email, StringComparison.OrdinalIgnoreCase)
        : Scope.Allows(order.AssetTypeId);
}
