using IpSolis.Domain.Orders;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// A request for an asset, or for a change to or the end of one (<see cref="Action"/>). Changes and ends are orders
/// of their own pointing at the provision order they act on (<see cref="ParentOrderId"/>), so history is a list of
/// orders and never an overwritten row. Status moves only through <see cref="OrderTransitions"/>.
/// </summary>
public sealed class Order
{
    public long Id { get; set; }

    public long AssetTypeId { get; set; }

    public OrderAction Action { get; set; } = OrderAction.Provision;

    public OrderStatus Status { get; set; }

    /// <summary>For modify and delete orders: the provision order they act on.</summary>
    public long? ParentOrderId { get; set; }

    /// <summary>The person the asset is for and whose access is granted (lower case).</summary>
    public required string RequesterEmail { get; set; }

    public string RequesterName { get; set; } = string.Empty;

    /// <summary>Who else manages the asset (lower case); null when the requester alone does.</summary>
    public string? OwnerEmail { get; set; }

    public string? OwnerName { get; set; }

    /// <summary>The audit actor that placed the order (the portal user, a token, an administrator).</summary>
    public required string PlacedBy { get; set; }

    /// <summary>Entry point: <c>portal</c>, <c>api</c>, <c>admin</c> or <c>system</c>.</summary>
    public required string Source { get; set; }

    public DateTimeOffset RequestedFrom { get; set; }

    /// <summary>When the order ends. Extensions move it (when their modify order is delivered).</summary>
    public DateTimeOffset RequestedUntil { get; set; }

    /// <summary>Checked attribute values as JSON, by key.</summary>
    public string AttributesJson { get; set; } = "{}";

    public string? Justification { get; set; }

    /// <summary>JSON array of people given RDP access; use <see cref="RdpUsers"/>.</summary>
    public string RdpUsersJson { get; set; } = "[]";

    /// <summary>JSON array of people given local admin rights; use <see cref="AdminUsers"/>.</summary>
    public string AdminUsersJson { get; set; } = "[]";

    /// <summary>The pool asset the order holds (personal: its own; shared: the shared one).</summary>
    public long? AssignedAssetId { get; set; }

    /// <summary>What was provisioned (model, strategy, policy, asset), copied to the order that ends it, so the end
    /// runs the same way even when the type changed meanwhile.</summary>
    public string? ProvisionedStateJson { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>Set once the expiry reminder went out, so it goes out once.</summary>
    public DateTimeOffset? ExpiryReminderSentAt { get; set; }

    /// <summary>Directory snapshot of the requester when the order was placed (chargeback, approval rules).</summary>
    public string? RequesterDepartment { get; set; }

    public string? RequesterCostCenter { get; set; }

    public string? RequesterTitle { get; set; }

    /// <summary>Wire name of the strictest classification among the order's attributes.</summary>
    public string Classification { get; set; } = "internal";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it last entered a final status.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    public IReadOnlyList<string> RdpUsers
    {
        get => JsonColumn.Read<List<string>>(RdpUsersJson, []);
        set => RdpUsersJson = JsonColumn.Write(value);
    }

    public IReadOnlyList<string> AdminUsers
    {
        get => JsonColumn.Read<List<string>>(AdminUsersJson, []);
        set => AdminUsersJson = JsonColumn.Write(value);
    }
}
