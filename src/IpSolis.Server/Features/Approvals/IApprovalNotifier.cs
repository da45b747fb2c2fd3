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
}
