namespace IpSolis.Server.Features.Orders;

/// <summary>
/// What approval routing looked up outside the database before the placement transaction opened: the manager of
/// <paramref name="RecipientEmail"/> (the person the order is for) when the type needs the manager's approval
/// (<paramref name="ManagerLookedUp"/>), null fields when the directory names none. Handed to
/// <see cref="IApprovalRouting.RouteAsync(Platform.Data.IpSolisDbContext, Catalog.AssetType, Order, OrderCaller, ApprovalPreparation?, CancellationToken)"/>
/// so the transaction never waits on the directory.
/// </summary>
public sealed record ApprovalPreparation(string RecipientEmail, bool ManagerLookedUp, string? ManagerEmail = null, string? ManagerName = null)
{
    public static ApprovalPreparation Nothing(string recipientEmail) => new(recipientEmail, false);
}
