using IpSolis.Domain.Access;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.AdminOrders;

/// <summary>
/// Asset types, pool assets, orders, steps, people and grants written straight to the database, so the admin pages
/// can be tested on exactly the rows a test needs (placing through the API would add approvals, jobs and steps).
/// </summary>
internal static class AdminOrderRows
{
    public static async Task<AssetType> AddTypeAsync(
        IpSolisFactory factory, string name, AssignmentModel model = AssignmentModel.AssignedPersonal,
        bool showOnDashboard = true, int? capacity = null, bool active = true, Action<AssetType>? configure = null)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var type = new AssetType
        {
            Name = name,
            AssignmentModel = model,
            ShowOnDashboard = showOnDashboard,
            PoolCapacity = capacity,
            IsActive = active,
            MaxPerUser = 0,
            DefaultDurationDays = 30,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (model == AssignmentModel.AssignedPersonal)
            type.PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree;
        configure?.Invoke(type);
        db.Add(type);
        await db.SaveChangesAsync();
        return type;
    }

    /// <summary>Adds <paramref name="count"/> assets of <paramref name="type"/> in <paramref name="status"/>.</summary>
    public static async Task<IReadOnlyList<PoolAsset>> AddAssetsAsync(IpSolisFactory factory, AssetType type, PoolAssetStatus status, int count)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var assets = Enumerable.Range(0, count).Select(_ => new PoolAsset
        {
            Name = $"{type.Name}-{WireName(status)}-{Guid.NewGuid():N}",
            AssetTypeId = type.Id,
            Status = status,
            StatusChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.AddRange(assets);
        await db.SaveChangesAsync();
        return assets;
    }

    public static async Task<Order> AddOrderAsync(
        IpSolisFactory factory, AssetType type, OrderStatus status, string requester = "ada@example.com",
        OrderAction action = OrderAction.Provision, DateTimeOffset? createdAt = null, DateTimeOffset? updatedAt = null,
        Action<Order>? configure = null)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var created = createdAt ?? DateTimeOffset.UtcNow;
        var order = new Order
        {
            AssetTypeId = type.Id,
            Action = action,
            Status = status,
            RequesterEmail = requester,
            RequesterName = requester.Split('@')[0],
            PlacedBy = "system:test",
            Source = "api",
            RequestedFrom = created,
            // Still running whatever the creation date: a back-dated order that had already ended would be picked
            // up by the host's expiry job while the test reads the list.
            RequestedUntil = (created > DateTimeOffset.UtcNow ? created : DateTimeOffset.UtcNow).AddDays(30),
            CreatedAt = created,
            UpdatedAt = updatedAt ?? created,
        };
        configure?.Invoke(order);
        db.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    /// <summary>Adds many orders in one save; their ids rise in list order.</summary>
    public static async Task<IReadOnlyList<long>> AddOrdersAsync(IpSolisFactory factory, AssetType type, int count, Func<int, OrderStatus>? status = null)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var orders = new List<Order>();
        for (var i = 0; i < count; i++)
        {
            var created = start.AddSeconds(i);
            orders.Add(new Order
            {
                AssetTypeId = type.Id,
                Status = status?.Invoke(i) ?? OrderStatus.Provisioned,
                RequesterEmail = $"person{i:000}@example.com",
                PlacedBy = "system:test",
                Source = "api",
                RequestedFrom = created,
                RequestedUntil = created.AddDays(30),
                CreatedAt = created,
                UpdatedAt = created,
            });
        }

        // One row per save keeps ids in insertion order on every provider.
        foreach (var order in orders)
        {
            db.Add(order);
            await db.SaveChangesAsync();
        }

        return [.. orders.Select(o => o.Id)];
    }

    public static async Task AddStepAsync(IpSolisFactory factory, Order order, int position, string code, StepStatus status, string? output = null, string? error = null)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var started = order.CreatedAt.AddSeconds(position);
        db.Add(new OrderStep
        {
            OrderId = order.Id,
            Position = position,
            Code = code,
            Name = code.Replace('_', ' '),
            Status = status,
            StartedAt = started,
            FinishedAt = status == StepStatus.Running ? null : started.AddMilliseconds(1500),
            Output = output,
            Error = error,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>Writes an audit row about <paramref name="order"/> through the application's own trail.</summary>
    public static async Task AuditAsync(IpSolisFactory factory, Order order, string action)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        factory.Services.GetRequiredService<IAuditTrail>().Record(db, AuditActor.System("tests"),
            new AuditEvent(action, "order", order.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync();
    }

    public static async Task AddPersonAsync(IpSolisFactory factory, string email, string name)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        db.Add(new DirectoryPerson { Email = email, DisplayName = name, Department = "Finance", CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
    }

    /// <summary>An <c>admin</c> limited to <paramref name="types"/> by grants.</summary>
    public static async Task<AdminUser> AddRestrictedAdminAsync(IpSolisFactory factory, string username, params AssetType[] types)
    {
        var user = await AccessFixtures.AddUserAsync(factory, username, AdminRole.Admin);
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        foreach (var type in types)
            db.Add(new AdminUserGrant { AdminUserId = user.Id, AssetTypeId = type.Id, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "system:test" });
        await db.SaveChangesAsync();
        return user;
    }

    public static async Task<Order> FindOrderAsync(IpSolisFactory factory, long id)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        return await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id);
    }

    private static string WireName(PoolAssetStatus status) => Domain.WireName<PoolAssetStatus>.Of(status);
}
