using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Lifecycle;

/// <summary>
/// What a change to an active order may touch besides its end (see <see cref="ExtensionRules"/>): the RDP and local
/// admin lists only when the asset type offers them, the owner only when the requester or an administrator asks,
/// and one change at a time per order.
/// </summary>
public static class ChangeRules
{
    public const string RdpUsersField = "rdpUsers";
    public const string AdminUsersField = "adminUsers";
    public const string OwnerField = "ownerEmail";

    /// <summary>
    /// A new RDP or local admin list, checked exactly as a new order's (<see cref="OrderPeople.CheckList"/>): trimmed,
    /// lower-cased and de-duplicated, each entry an email or a directory username, at most
    /// <see cref="OrderPeople.MaxListLength"/> people, and refused when the asset type does not offer the list. A
    /// list that names the same people as <paramref name="current"/> is no change and always accepted (a form sends
    /// every field), and emptying a list the type no longer offers stays possible, so people granted before can
    /// still be removed.
    /// </summary>
    public static Result<IReadOnlyList<string>> CheckList(IReadOnlyList<string> requested, IReadOnlyList<string> current, bool offered, string field)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(current);
        var named = requested.Select(p => p?.Trim() ?? "").Where(p => p.Length > 0).ToList();
        if (SameUsers(named, current))
            return Result<IReadOnlyList<string>>.Success(current);
        return OrderPeople.CheckList(requested, offered, field);
    }

    /// <summary>
    /// Checks a change of owner to <paramref name="newOwnerEmail"/>; blank removes the owner. Returns the new owner's
    /// email, lower-cased, or null for none.
    /// </summary>
    /// <param name="byRequesterOrAdministrator">Whether the person asking is the order's requester or an administrator:
    /// an owner may manage the order but not hand it on.</param>
    public static Result<string?> CheckOwner(bool byRequesterOrAdministrator, string requesterEmail, string newOwnerEmail)
    {
        ArgumentNullException.ThrowIfNull(newOwnerEmail);
        if (!byRequesterOrAdministrator)
            return new DomainError("order.owner_change_forbidden", "Only the requester or an administrator may change the owner.", OwnerField);
        if (string.IsNullOrWhiteSpace(newOwnerEmail))
            return Result<string?>.Success(null);
        var email = OrderPeople.CheckEmail(newOwnerEmail, OwnerField);
        if (!email.Succeeded)
            return Result<string?>.Failure([.. email.Errors]);
        if (string.Equals(email.Value, requesterEmail, StringComparison.OrdinalIgnoreCase))
            return new DomainError("order.owner_is_requester", "The owner must be someone other than the requester; leave it empty for no owner.", OwnerField);
        return email.Value;
    }

    /// <summary>Whether a change order in <paramref name="status"/> is still open, so no second change may start.</summary>
    public static bool IsOpen(OrderStatus status) => !OrderStatuses.IsTerminal(status);

    /// <summary>The refusal of a second change while <paramref name="openChangeId"/> is open.</summary>
    public static DomainError ChangeInProgress(long openChangeId, OrderStatus status) => new(
        "order.change_in_progress",
        $"Change order #{openChangeId} for this order is still {WireName<OrderStatus>.Of(status)}; wait for it to finish (or withdraw it) first.");

    public static DomainError NothingToChange() => new(
        "order.nothing_to_change", "The change leaves the order as it is: give a new end, new lists or a new owner.");

    /// <summary>Whether <paramref name="requested"/> names anyone <paramref name="current"/> does not (a re-approval trigger).</summary>
    public static bool AddsUsers(IReadOnlyList<string> current, IReadOnlyList<string> requested)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(requested);
        return requested.Except(current, StringComparer.OrdinalIgnoreCase).Any();
    }

    /// <summary>Whether two lists name the same people (order and case aside).</summary>
    public static bool SameUsers(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(b);
    }
}
