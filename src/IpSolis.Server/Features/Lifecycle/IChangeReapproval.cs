using IpSolis.Domain;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// The re-approval hook for changes: decides whether a change to an active order waits for approval before it is
/// carried out. It runs inside the transaction that creates the modify order, after the order has its id, so an
/// implementation that routes to approval adds its approval rows (and enqueues its notifications) to
/// <paramref name="db"/> and they commit together with the change. Nothing of the change reaches the active order
/// (its end, its asset's expiry, its lists, its owner) before the modify order is delivered, so a change waiting
/// for approval changes nothing yet (the reference moved the asset's expiry at once, §11 item 20).
/// </summary>
public interface IChangeReapproval
{
    /// <summary>True when <see cref="ChangeReapprovalRequest.Change"/> must wait for approval (it starts in
    /// <c>pending_approval</c>); false to carry it out now (it starts in <c>processing</c>); an error when the change
    /// cannot be routed (an approver it needs cannot be found): the change is refused with it and nothing is kept.</summary>
    Task<Result<bool>> RequiresApprovalAsync(IpSolisDbContext db, ChangeReapprovalRequest request, CancellationToken cancellationToken);
}
