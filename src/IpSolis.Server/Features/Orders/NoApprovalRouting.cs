using IpSolis.Domain;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Orders;

/// <summary>Until the approvals feature registers its routing, no order needs approval.</summary>
public sealed class NoApprovalRouting : IApprovalRouting
{
    public Task<Result<bool>> RouteAsync(IpSolisDbContext db, AssetType type, Order order, OrderCaller caller, CancellationToken cancellationToken) =>
        Task.FromResult(Result<bool>.Success(false));
}
