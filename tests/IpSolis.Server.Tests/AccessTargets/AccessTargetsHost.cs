using IpSolis.Domain.AccessTargets;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.AccessTargets;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.Orders;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.AccessTargets;

/// <summary>
/// Orders with group-access targets, run by hand (no job), with a switch that kills a run between its directory
/// calls and its commit, as a crashed worker would.
/// </summary>
public sealed class AccessTargetsHost : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private AccessTargetsHost(OrderHost orders, CrashSwitch crash)
    {
        Orders = orders;
        Crash = crash;
    }

    public OrderHost Orders { get; }

    /// <summary>Armed: the next run dies after its access steps (the transaction never commits).</summary>
    public CrashSwitch Crash { get; }

    public IpSolisFactory Factory => Orders.Factory;

    public static async Task<AccessTargetsHost> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var crash = new CrashSwitch();
        var orders = await OrderHost.StartAsync(services => services.AddSingleton<IOrderStepSource>(crash), settings);
        return new AccessTargetsHost(orders, crash);
    }

    public Task<AssetType> AddTypeAsync(string name, AutomationStrategy strategy, params GroupTarget[] targets) =>
        Orders.AddTypeAsync(name, t =>
        {
            t.AutomationStrategy = strategy;
            t.GroupTargets = targets;
        });

    /// <summary>A provision order as placement leaves it (processing), not yet run.</summary>
    public async Task<long> AddProvisionAsync(AssetType type, string requester, string[]? rdpUsers = null, string[]? adminUsers = null)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        var order = new Order
        {
            AssetTypeId = type.Id,
            Action = OrderAction.Provision,
            Status = OrderStatus.Processing,
            RequesterEmail = requester,
            PlacedBy = "system:test",
            Source = "system",
            RequestedFrom = Now,
            RequestedUntil = Now.AddDays(10),
            RdpUsers = rdpUsers ?? [],
            AdminUsers = adminUsers ?? [],
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        db.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    /// <summary>A change (new people lists) or an end of <paramref name="parentId"/>, as the lifecycle places them.</summary>
    public async Task<long> AddFollowUpAsync(long parentId, OrderAction action, string[]? rdpUsers = null, string[]? adminUsers = null)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        var parent = await db.Set<Order>().AsTracking().SingleAsync(o => o.Id == parentId);
        if (action == OrderAction.Delete)
            parent.Status = OrderStatus.Revoking;
        var order = new Order
        {
            AssetTypeId = parent.AssetTypeId,
            Action = action,
            Status = OrderStatus.Processing,
            ParentOrderId = parent.Id,
            RequesterEmail = parent.RequesterEmail,
            PlacedBy = "system:test",
            Source = "system",
            RequestedFrom = Now,
            RequestedUntil = parent.RequestedUntil,
            RdpUsersJson = parent.RdpUsersJson,
            AdminUsersJson = parent.AdminUsersJson,
            AssignedAssetId = parent.AssignedAssetId,
            ProvisionedStateJson = parent.ProvisionedStateJson,
            CreatedAt = Now,
            UpdatedAt = Now,
        };
        if (rdpUsers is not null)
            order.RdpUsers = rdpUsers;
        if (adminUsers is not null)
            order.AdminUsers = adminUsers;
        db.Add(order);
        await db.SaveChangesAsync();
        return order.Id;
    }

    public async Task<OrderStatus?> RunAsync(long orderId)
    {
        await using var scope = Orders.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrderRunner>().RunOrderAsync(orderId, default);
    }

    public Task<List<AccessLedgerRow>> LedgerAsync() => Orders.QueryAsync(db => db.Set<AccessLedgerRow>().OrderBy(r => r.Id));

    public Task<List<OrderStep>> StepsAsync(long orderId) =>
        Orders.QueryAsync(db => db.Set<OrderStep>().Where(s => s.OrderId == orderId).OrderBy(s => s.Position));

    /// <summary>The local directory's members (emails) of <paramref name="group"/>.</summary>
    public async Task<List<string>> LocalMembersAsync(string group)
    {
        var key = LocalDirectory.NormalizeGroupName(group);
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        return await (from g in db.Set<DirectoryGroup>()
                      join m in db.Set<DirectoryMembership>() on g.Id equals m.GroupId
                      join p in db.Set<DirectoryPerson>() on m.PersonId equals p.Id
                      where g.NormalizedName == key
                      orderby p.Email
                      select p.Email).ToListAsync();
    }

    public async ValueTask DisposeAsync() => await Orders.DisposeAsync();

    /// <summary>A step at the end of every run that throws (like a killed process) while armed, once.</summary>
    public sealed class CrashSwitch : IOrderStepSource
    {
        private int _armed;

        public void Arm() => Interlocked.Exchange(ref _armed, 1);

        public IEnumerable<OrderRunStep> StepsFor(OrderRun run)
        {
            if (Volatile.Read(ref _armed) == 1)
                yield return new OrderRunStep("crash", "Crash", OrderRunStep.Complete, (_, _) =>
                {
                    Interlocked.Exchange(ref _armed, 0);
                    throw new OperationCanceledException("The worker died.");
                });
        }
    }
}
