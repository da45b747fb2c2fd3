using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// Tells approvers about approvals. Called inside the transaction that creates the row, so an implementation that
/// enqueues mail (the notifications outbox) commits with it or not at all. <paramref name="linkPath"/> is the
/// one-click link's path (<c>/approve/{token}</c>), to be put behind the public base URL; it is a credential and
/// must never be logged.
/// </summary>
public interface IApprovalNotifier
{
    Task ApprovalRequestedAsync(IpSolisDbContext db, OrderApproval approval, string linkPath, CancellationToken cancellationToken);

    /// <summary>The order's approval is complete: tell the requester it is on its way.</summary>
    Task OrderApprovedAsync(IpSolisDbContext db, Orders.Order order, Catalog.AssetType type, OrderApproval decisive, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An approver declined: tell the requester who, and why.</summary>
    Task OrderDeclinedAsync(IpSolisDbContext db, Orders.Order order, Catalog.AssetType type, OrderApproval declined, string? comment, CancellationToken cancellationToken) => Task.CompletedTask;
}
