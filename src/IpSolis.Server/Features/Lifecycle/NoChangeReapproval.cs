using IpSolis.Domain;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Lifecycle;

/// <summary>
/// The default re-approval hook until approval routing exists: every change is carried out at once. The change
/// rules (renewable, maximum lifetime, offered lists, owner) still apply; only the approval step is absent.
/// </summary>
internal sealed class NoChangeReapproval : IChangeReapproval
{
    public Task<Result<bool>> RequiresApprovalAsync(IpSolisDbContext db, ChangeReapprovalRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Result<bool>.Success(false));
}
