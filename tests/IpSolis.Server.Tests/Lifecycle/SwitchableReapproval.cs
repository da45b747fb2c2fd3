using IpSolis.Domain;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Tests.Lifecycle;

/// <summary>A re-approval hook the test turns on (every change waits for approval) or off, recording what it was asked.</summary>
public sealed class SwitchableReapproval : IChangeReapproval
{
    private readonly List<ChangeReapprovalRequest> _asked = [];

    public bool RequireApproval { get; set; }

    public IReadOnlyList<ChangeReapprovalRequest> Asked
    {
        get
        {
            lock (_asked)
                return [.. _asked];
        }
    }

    public Task<Result<bool>> RequiresApprovalAsync(IpSolisDbContext db, ChangeReapprovalRequest request, CancellationToken cancellationToken)
    {
        lock (_asked)
            _asked.Add(request);
        return Task.FromResult(Result<bool>.Success(RequireApproval));
    }
}
