using IpSolis.Domain;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Approvals;

/// <summary>
/// Re-approval of changes: an extension, a change that adds RDP or local admin users, or a new owner goes through the
/// type's approval configuration again, exactly as a new order would (the change order gets its own rows and waits
/// in <c>pending_approval</c>). Changes that only shorten or remove need nobody's consent. A change whose approvers
/// cannot be found is refused with the reason, like a new order.
/// </summary>
public sealed class ChangeReapproval(ApprovalRouting routing) : IChangeReapproval
{
    public async Task<Result<bool>> RequiresApprovalAsync(IpSolisDbContext db, ChangeReapprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Extends && !request.AddsUsers && !request.ChangesOwner)
            return false;
        return await routing.RouteAsync(db, request.Type, request.Change, request.Caller, cancellationToken);
    }
}
