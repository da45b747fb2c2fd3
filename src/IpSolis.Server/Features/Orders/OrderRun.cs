using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;

namespace IpSolis.Server.Features.Orders;

/// <summary>
/// One run of an order's steps, as the steps see it: the run's unit of work (<see cref="Database"/>, inside the
/// run's transaction; steps change tracked entities and never save), the order, its type and, for changes and ends,
/// the provision order they act on.
/// </summary>
public sealed class OrderRun(IpSolisDbContext database, Order order, AssetType type, Order? parent, DateTimeOffset startedAt, AuditActor actor)
{
    public IpSolisDbContext Database { get; } = database;

    public Order Order { get; } = order;

    /// <summary>The asset type as it is now. Ends follow <see cref="ProvisionedState"/> instead where it says otherwise.</summary>
    public AssetType Type { get; } = type;

    /// <summary>For modify and delete orders: the provision order they act on.</summary>
    public Order? Parent { get; } = parent;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public AuditActor Actor { get; } = actor;

    /// <summary>The pool asset the run works with, once a step found or reserved it.</summary>
    public PoolAsset? Asset { get; set; }

    /// <summary>What was provisioned, for ends: the end order's own copy, else the provision order's record.</summary>
    public ProvisionedState? ProvisionedState =>
        ProvisionedState.FromJson(Order.ProvisionedStateJson) ?? ProvisionedState.FromJson(Parent?.ProvisionedStateJson);
}
