using System.Net;
using AngleSharp.Html.Dom;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.PersonDirectory;
using Microsoft.EntityFrameworkCore;

namespace IpSolis.Server.Tests.Portal;

/// <summary>
/// The real host (job workers included) for the portal's catalog, order and My IT pages: local-directory people who
/// sign in through <c>/portal/login</c>, asset types and pool assets written straight to the database, and orders
/// read back from it.
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    public const string Anna = "anna.schmidt@example.com";
    public const string Ben = "ben.keller@example.com";

    private PortalHost(IpSolisFactory factory) => Factory = factory;

    public IpSolisFactory Factory { get; }

    public IServiceProvider Services => Factory.Services;

    /// <summary>Starts a host with two people, Anna and Ben, who may sign in to the portal.</summary>
    public static async Task<PortalHost> StartAsync(Action<IServiceCollection>? services = null)
    {
        var factory = await IpSolisFactory.CreateAsync(services: services);
        await DirectoryFixtures.AddPersonAsync(factory, Anna, "Anna Schmidt", username: "aschmidt");
        await DirectoryFixtures.AddPersonAsync(factory, Ben, "Ben Keller", username: "bkeller");
        return new PortalHost(factory);
    }

    /// <summary>A browser signed in to the portal as <paramref name="email"/> through the sign-in page.</summary>
    public async Task<ConsoleClient> SignInAsync(string email)
    {
        var browser = ConsoleClient.For(Factory);
        var (response, page) = await browser.SubmitAsync("/portal/login", "portal-sign-in", new Dictionary<string, string>
        {
            ["Credentials.Login"] = email,
            ["Credentials.Password"] = DirectoryFixtures.Password,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, page.QuerySelector(".alert")?.TextContent);
        return browser;
    }

    public async Task<AssetType> AddTypeAsync(string name, Action<AssetType>? configure = null)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var type = new AssetType
        {
            Name = name,
            Description = $"{name} for your daily work",
            AssignmentModel = AssignmentModel.AssignedPersonal,
            PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree,
            DeprovisionPolicy = DeprovisionPolicy.ReturnToPool,
            MaxPerUser = 0,
            DefaultDurationDays = 30,
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
        await using var db = await Contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var assets = Enumerable.Range(1, count).Select(i => new PoolAsset
        {
            Name = $"{prefix}-{i:D3}",
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

    /// <summary>Writes an order row as it would look in <paramref name="status"/> (for pages that only read orders).</summary>
    public async Task<Order> AddOrderAsync(AssetType type, string requester, OrderStatus status, Action<Order>? configure = null)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var order = new Order
        {
            AssetTypeId = type.Id,
            Status = status,
            RequesterEmail = requester,
            RequesterName = requester,
            PlacedBy = "portal:user:" + requester,
            Source = "portal",
            RequestedFrom = OrderDates.StartOfDay(now),
            RequestedUntil = OrderDates.StartOfDay(now).AddDays(30),
            CreatedAt = now,
            UpdatedAt = now,
        };
        configure?.Invoke(order);
        db.Add(order);
        await db.SaveChangesAsync();
        return order;
    }

    public async Task AddStepsAsync(long orderId, params OrderStep[] steps)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        foreach (var step in steps)
            step.OrderId = orderId;
        db.AddRange(steps);
        await db.SaveChangesAsync();
    }

    public async Task<List<T>> QueryAsync<T>(Func<IpSolisDbContext, IQueryable<T>> query)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await query(db).ToListAsync();
    }

    public async Task<Order> OrderAsync(long id) => (await QueryAsync(db => db.Set<Order>().AsNoTracking().Where(o => o.Id == id))).Single();

    public async Task<PoolAsset> AssetAsync(long id) => (await QueryAsync(db => db.Set<PoolAsset>().AsNoTracking().Where(a => a.Id == id))).Single();

    /// <summary>Polls until the order reaches <paramref name="status"/> (the host's own workers run its job).</summary>
    public async Task<Order> WaitForStatusAsync(long id, OrderStatus status)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
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

    /// <summary>The order id a successful order form post redirects to (<c>/portal/orders/{id}?placed=1</c>).</summary>
    public static long PlacedOrderId(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var target = ConsoleClient.RedirectTarget(response);
        target.Should().StartWith("/portal/orders/").And.EndWith("?placed=1");
        return long.Parse(target["/portal/orders/".Length..target.IndexOf('?')], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The text of the page's cards' names, in page order.</summary>
    public static IReadOnlyList<string> CardNames(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".catalog-card h2").Select(h => h.TextContent.Trim())];

    private IDbContextFactory<IpSolisDbContext> Contexts => AccessFixtures.Contexts(Factory);

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
