using IpSolis.Domain;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// Decides whether a new order needs approval. <see cref="OrderPlacement"/> calls it inside the placement
/// transaction, after every other check passed and the order has its id (its status is not final yet), so an
/// implementation may add approval rows and notification jobs to <paramref name="db"/>, which commit with the order
/// or not at all. The default (<see cref="NoApprovalRouting"/>) needs no approval; the approvals feature replaces the
/// registration with its rules (manager, owners, conditional rules, classification).
/// </summary>
public interface IApprovalRouting
{
    /// <summary>
    /// True when the order must wait for approval (<c>pending_approval</c>); an error when it cannot be routed (an
    /// approver the type needs cannot be found): the order is then refused with that reason and nothing is kept.
    /// </summary>
    Task<Result<bool>> RouteAsync(IpSolisDbContext db, AssetType type, Order order, OrderCaller caller, CancellationToken cancellationToken);

    /// <summary>
    /// Looks up, before the placement transaction opens, what routing needs from outside the database (the manager of
    /// the person the order is for, possibly over LDAP), so SQLite's writer is never held across a network call. An
    /// error (the directory did not answer) refuses the order.
    /// </summary>
    Task<Result<ApprovalPreparation>> PrepareAsync(AssetType type, string recipientEmail, OrderCaller caller, CancellationToken cancellationToken) =>
        Task.FromResult(Result<ApprovalPreparation>.Success(ApprovalPreparation.Nothing(recipientEmail)));

    /// <summary>As <see cref="RouteAsync(IpSolisDbContext, AssetType, Order, OrderCaller, CancellationToken)"/>, with
    /// what <see cref="PrepareAsync"/> looked up before the transaction.</summary>
    Task<Result<bool>> RouteAsync(IpSolisDbContext db, AssetType type, Order order, OrderCaller caller, ApprovalPreparation? prepared, CancellationToken cancellationToken) =>
        RouteAsync(db, type, order, caller, cancellationToken);
}
