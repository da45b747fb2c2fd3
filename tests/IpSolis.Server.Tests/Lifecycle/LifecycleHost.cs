using IpSolis.Domain.Catalog;
using IpSolis.Domain.Jobs;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Lifecycle;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Platform.Jobs;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Lifecycle;

/// <summary>
/// The real host on a database of the provider under test, with a clock the test moves, a re-approval hook the test
/// switches and a notifier that records what it was asked to send. Orders are placed through the real
/// <see cref="OrderPlacement"/> and run by the real job workers; the lifecycle's recurring jobs are enqueued on
/// demand and run by the workers too.
/// </summary>
public sealed class LifecycleHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    public const string LegacyKey = "legacy-admin-key-for-lifecycle-tests-0123456789";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private LifecycleHost(IpSolisFactory factory, ManualClock clock, SwitchableReapproval reapproval, RecordingNotifier notifier)
    {
        Factory = factory;
        Clock = clock;
        Reapproval = reapproval;
        Notifier = notifier;
    }

    public IpSolisFactory Factory { get; }

    public ManualClock Clock { get; }

    public SwitchableReapproval Reapproval { get; }

    public RecordingNotifier Notifier { get; }

    public IServiceProvider Services => Factory.Services;

    public static async Task<LifecycleHost> StartAsync()
    {
        var clock = new ManualClock(Start);
        var reapproval = new SwitchableReapproval();
        var notifier = new RecordingNotifier();
        var factory = await IpSolisFactory.CreateAsync(
            new Dictionary<string, string?> { ["Security:AdminApiKey"] = LegacyKey },
            services: s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton<IChangeReapproval>(reapproval);
                s.AddSingleton<IOrderNotifier>(notifier);
            });
        _ = factory.Server; // builds and starts the host (migrations, workers)
        return new LifecycleHost(factory, clock, reapproval, notifier);
    }

    public OrderLifecycle Lifecycle() => Services.CreateScope().ServiceProvider.GetRequiredService<OrderLifecycle>();

    public static OrderCaller Operator { get; } = OrderCaller.Administrator(new AuditActor("admin:session:operator:admin"), AssetTypeScope.Everything);

    public HttpClient Api()
    {
        var client = AccessFixtures.ApiClient(Factory);
        client.DefaultRequestHeaders.Add("X-Admin-Key", LegacyKey);
        return client;
    }

    public async Task<AssetType> AddTypeAsync(string name, AssignmentModel model, Action<AssetType>? configure = null)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        var type = new AssetType
        {
            Name = name,
            AssignmentModel = model,
            PersonalProvisioningStrategy = model == AssignmentModel.AssignedPersonal ? PersonalProvisioningStrategy.AssignExistingFree : null,
            PoolCapacity = model == AssignmentModel.CapacityPooled ? 10 : null,
            MaxPerUser = 0,
            DefaultDurationDays = 30,
            MaximumLifetimeDays = 90,
            Renewable = true,
            DeprovisionPolicy = model == AssignmentModel.AssignedPersonal ? DeprovisionPolicy.ReturnToPool : DeprovisionPolicy.AccessOnly,
            CreatedAt = Clock.Now,
            UpdatedAt = Clock.Now,
        };
        configure?.Invoke(type);
        db.Add(type);
        await db.SaveChangesAsync();
        if (model == AssignmentModel.DedicatedShared && type.SharedAssetId is null)
        {
            var shared = await AddAssetAsync(type.Id, name.ToLowerInvariant().Replace(' ', '-') + "-shared");
            type.SharedAssetId = shared.Id;
            await db.SaveChangesAsync();
        }

        return type;
    }

    public async Task<PoolAsset> AddAssetAsync(long typeId, string name)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        var asset = new PoolAsset { Name = name, AssetTypeId = typeId, Status = PoolAssetStatus.Free, StatusChangedAt = Clock.Now, CreatedAt = Clock.Now, UpdatedAt = Clock.Now };
        db.Add(asset);
        await db.SaveChangesAsync();
        return asset;
    }

    /// <summary>Places an order through the real placement, as an operator would for <paramref name="requester"/>.</summary>
    public async Task<Order> PlaceAsync(long typeId, string requester, DateTimeOffset from, DateTimeOffset until, string? owner = null, IReadOnlyList<string>? rdpUsers = null)
    {
        var placement = Services.CreateScope().ServiceProvider.GetRequiredService<OrderPlacement>();
        var placed = await placement.PlaceAsync(
            new PlaceOrder(typeId, requester, from, until) { Source = "admin", OwnerEmail = owner, RdpUsers = rdpUsers ?? [] },
            Operator, CancellationToken.None);
        placed.Succeeded.Should().BeTrue(placed.Succeeded ? "" : string.Join("; ", placed.Errors.Select(e => $"{e.Code}: {e.Message}")));
        return placed.Value;
    }

    /// <summary>Places an order that starts now and waits until the workers provisioned it.</summary>
    public async Task<Order> ProvisionedAsync(long typeId, string requester, TimeSpan duration, string? owner = null, IReadOnlyList<string>? rdpUsers = null)
    {
        var order = await PlaceAsync(typeId, requester, Clock.Now, Clock.Now + duration, owner, rdpUsers);
        return await WaitForAsync(order.Id, OrderStatus.Provisioned);
    }

    public async Task<Order> OrderAsync(long id)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id);
    }

    public async Task<PoolAsset> AssetAsync(long id)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.Set<PoolAsset>().AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<List<Order>> ChildrenAsync(long parentId)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.Set<Order>().AsNoTracking().Where(o => o.ParentOrderId == parentId).OrderBy(o => o.Id).ToListAsync();
    }

    public async Task<List<OrderStep>> StepsAsync(long orderId)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        return await db.Set<OrderStep>().AsNoTracking().Where(s => s.OrderId == orderId).OrderBy(s => s.Position).ToListAsync();
    }

    public async Task<Order> WaitForAsync(long orderId, OrderStatus status)
    {
        Order? order = null;
        await Jobs.WorkerNodes.WaitUntilAsync(async () => (order = await OrderAsync(orderId)).Status == status, Patience,
            $"order {orderId} to become {status} (it is {order?.Status}, error '{order?.ErrorMessage}')");
        return order!;
    }

    /// <summary>Changes rows directly, for the situations no public path creates on purpose (a broken configuration).</summary>
    public async Task UpdateAsync(Func<IpSolisDbContext, Task> change)
    {
        await using var db = await Contexts().CreateDbContextAsync();
        await change(db);
        await db.SaveChangesAsync();
    }

    /// <summary>Enqueues one run of a lifecycle job (as its schedule would) and waits until a worker finished it.</summary>
    public async Task RunJobAsync(string kind)
    {
        long id;
        await using (var db = await Contexts().CreateDbContextAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            id = (await Services.GetRequiredService<IJobQueue>().EnqueueAsync(db, new JobRequest(kind)))!.Value;
            await transaction.CommitAsync();
        }

        Job? job = null;
        await Jobs.WorkerNodes.WaitUntilAsync(async () =>
        {
            await using var db = await Contexts().CreateDbContextAsync();
            job = await db.Set<Job>().AsNoTracking().SingleAsync(j => j.Id == id);
            return job.State is JobState.Succeeded or JobState.Dead;
        }, Patience, $"the {kind} job to finish");
        job!.State.Should().Be(JobState.Succeeded, job.LastError);
    }

    /// <summary>Waits until no order run is pending or running (every enqueued order was run).</summary>
    public async Task SettleAsync()
    {
        await Jobs.WorkerNodes.WaitUntilAsync(async () =>
        {
            await using var db = await Contexts().CreateDbContextAsync();
            return !await db.Set<Job>().AnyAsync(j => j.Kind == OrderRunner.Kind && (j.State == JobState.Pending || j.State == JobState.Running));
        }, Patience, "every order run to finish");
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string action) =>
        (await AccessFixtures.AuditAsync(Factory)).Where(e => e.Action == action).ToList();

    public IDbContextFactory<IpSolisDbContext> Contexts() => AccessFixtures.Contexts(Factory);

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}
