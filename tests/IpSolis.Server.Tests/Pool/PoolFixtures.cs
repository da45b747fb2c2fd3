using IpSolis.Domain.Access;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Pool;

/// <summary>Asset types, pool assets and orders written straight to the database, and API clients with pool scopes.</summary>
internal static class PoolFixtures
{
    public static async Task<AssetType> AddTypeAsync(IpSolisFactory factory, string name, AssignmentModel model = AssignmentModel.AssignedPersonal)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var type = new AssetType { Name = name, AssignmentModel = model, CreatedAt = now, UpdatedAt = now };
        if (model == AssignmentModel.CapacityPooled)
            type.PoolCapacity = 10;
        db.Add(type);
        await db.SaveChangesAsync();
        return type;
    }

    public static async Task<PoolAsset> AddAssetAsync(IpSolisFactory factory, string name, long typeId, PoolAssetStatus status = PoolAssetStatus.Free, long? orderId = null)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var asset = new PoolAsset
        {
            Name = name, AssetTypeId = typeId, Status = status, CurrentOrderId = orderId, StatusChangedAt = now, CreatedAt = now, UpdatedAt = now,
        };
        db.Add(asset);
        await db.SaveChangesAsync();
        return asset;
    }

    public static async Task<Order> AddOrderAsync(IpSolisFactory factory, long typeId, OrderStatus status, long? assetId)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var order = new Order
        {
            AssetTypeId = typeId,
            Status = status,
            RequesterEmail = "ann@example.org",
            RequesterName = "Ann Example",
            PlacedBy = "portal:user:ann@example.org",
            Source = "portal",
            RequestedFrom = now,
            RequestedUntil = now.AddDays(30),
            AssignedAssetId = assetId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    /// <summary>Makes <paramref name="orderId"/> the holder of <paramref name="assetId"/>.</summary>
    public static async Task HoldAsync(IpSolisFactory factory, long assetId, long orderId)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        await db.Set<PoolAsset>().Where(a => a.Id == assetId).ExecuteUpdateAsync(u => u.SetProperty(a => a.CurrentOrderId, orderId));
    }

    public static async Task<PoolAsset?> AssetAsync(IpSolisFactory factory, long id)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        return await db.Set<PoolAsset>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
    }

    public static async Task<PoolAsset?> AssetNamedAsync(IpSolisFactory factory, string name)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        return await db.Set<PoolAsset>().AsNoTracking().FirstOrDefaultAsync(a => a.Name == name);
    }

    public static async Task<List<string>> NamesAsync(IpSolisFactory factory)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        return await db.Set<PoolAsset>().AsNoTracking().OrderBy(a => a.Id).Select(a => a.Name).ToListAsync();
    }

    public static async Task<Order> OrderAsync(IpSolisFactory factory, long id)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        return await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id);
    }

    /// <summary>An API client for a new account of <paramref name="role"/> with a token holding <paramref name="scopes"/>.</summary>
    public static async Task<HttpClient> ApiAsync(IpSolisFactory factory, string username, AdminRole role, string[]? scopes = null)
    {
        var user = await AccessFixtures.AddUserAsync(factory, username, role);
        var (_, token) = await AccessFixtures.AddTokenAsync(factory, user, scopes: scopes ?? ["assets:read", "assets:write"]);
        return AccessFixtures.ApiClient(factory, token);
    }

    /// <summary>Limits <paramref name="username"/> (an admin) to <paramref name="typeIds"/>.</summary>
    public static async Task GrantAsync(IpSolisFactory factory, string username, params long[] typeIds)
    {
        await using var db = await AccessFixtures.Contexts(factory).CreateDbContextAsync();
        var user = await db.Set<AdminUser>().SingleAsync(u => u.Username == username);
        foreach (var typeId in typeIds)
            db.Add(new AdminUserGrant { AdminUserId = user.Id, AssetTypeId = typeId, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "system:test" });
        await db.SaveChangesAsync();
    }
}
