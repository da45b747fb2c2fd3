using System.Net.Http.Json;
using System.Text.Json;
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

namespace IpSolis.Server.Tests.Orders;

/// <summary>
/// The real host (with its job workers) plus what order tests need: an administrator with an API token holding
/// <c>orders:write</c>/<c>orders:read</c>, asset types and pool assets written straight to the database, and
/// helpers to place orders through the API and wait for the worker.
/// </summary>
public sealed class OrderHost : IAsyncDisposable
{
    private OrderHost(IpSolisFactory factory, AdminUser admin, string token)
    {
        Factory = factory;
        Admin = admin;
        Token = token;
        Api = AccessFixtures.ApiClient(factory, token);
    }

    public IpSolisFactory Factory { get; }

    public AdminUser Admin { get; }

    public string Token { get; }

    public HttpClient Api { get; }

    public IServiceProvider Services => Factory.Services;

    public static async Task<OrderHost> StartAsync(Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    {
        var factory = await IpSolisFactory.CreateAsync(settings, services);
        var admin = await AccessFixtures.AddUserAsync(factory, "orders-admin", AdminRole.Superadmin);
        var (_, token) = await AccessFixtures.AddTokenAsync(factory, admin, AdminRole.Admin, ["orders:write", "orders:read"], "orders test");
        return new OrderHost(factory, admin, token);
    }

    public async Task<AssetType> AddTypeAsync(string name, Action<AssetType>? configure = null)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var type = new AssetType
        {
            Name = name,
            AssignmentModel = AssignmentModel.AssignedPersonal,
            PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree,
            DeprovisionPolicy = DeprovisionPolicy.ReturnToPool,
            MaxPerUser = 0,
            CreatedAt = now,
            UpdatedAt = now,
        };
        configure?.Invoke(type);
        db.Add(type);
        await db.SaveChangesAsync();
        return type;
    }

    public async Task<IReadOnlyList<PoolAsset>> AddAssetsAsync(long typeId, int count, string prefix)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var assets = Enumerable.Range(1, count).Select(i => new PoolAsset
        {
            Name = $"{prefix}-{i:D4}",
            AssetTypeId = typeId,
            Status = PoolAssetStatus.Free,
            StatusChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        }).ToList();
        db.AddRange(assets);
        await db.SaveChangesAsync();
        return assets;
    }

    public static object Body(long typeId, string requester, DateTimeOffset from, DateTimeOffset until, object? attributes = null,
        string? justification = null, string[]? rdpUsers = null, string? ownerEmail = null) => new
    {
        assetTypeId = typeId,
        requesterEmail = requester,
        ownerEmail,
        from = from.ToString("O"),
        until = until.ToString("O"),
        attributes = attributes ?? new { },
        justification,
        rdpUsers = rdpUsers ?? [],
        adminUsers = Array.Empty<string>(),
    };

    public Task<HttpResponseMessage> PlaceAsync(object body, string? idempotencyKey = null, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return (client ?? Api).SendAsync(request);
    }

    public Task<HttpResponseMessage> PostRawAsync(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/orders")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        return Api.SendAsync(request);
    }

    public async Task<Order> OrderAsync(long id)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        return await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id);
    }

    public async Task<PoolAsset> AssetAsync(long id)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        return await db.Set<PoolAsset>().AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public async Task<List<T>> QueryAsync<T>(Func<Platform.Data.IpSolisDbContext, IQueryable<T>> query)
    {
        await using var db = await AccessFixtures.Contexts(Factory).CreateDbContextAsync();
        return await query(db).ToListAsync();
    }

    /// <summary>Polls until the order reaches <paramref name="status"/> (the host's own workers run the job).</summary>
    public async Task<Order> WaitForStatusAsync(long id, OrderStatus status, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var order = await OrderAsync(id);
            if (order.Status == status)
                return order;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"Order {id} is {order.Status}, not {status}, after waiting ({order.ErrorMessage}).");
            await Task.Delay(50);
        }
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await AccessFixtures.JsonAsync(response);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Factory.DisposeAsync();
    }
}
