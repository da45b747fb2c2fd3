using IpSolis.Browser.Tests.Infrastructure;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests.Portal;

/// <summary>
/// A person of the local directory with a portal password, and a VDI type of their own with free pool assets, on
/// the collection's shared server (names are unique per test, so tests do not see each other's rows).
/// </summary>
public sealed class PortalSeed
{
    public const string Password = "portal browser password";

    private readonly UiFixture _fixture;

    private PortalSeed(UiFixture fixture, string email, AssetType vdi)
    {
        _fixture = fixture;
        Email = email;
        Vdi = vdi;
    }

    public string Email { get; }

    public AssetType Vdi { get; }

    private IServiceProvider Services => _fixture.Server.Services;

    public static async Task<PortalSeed> CreateAsync(UiFixture fixture, int freeAssets = 2)
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var email = $"portal.person.{suffix}@example.com";
        var directory = fixture.Server.Services.GetRequiredService<LocalDirectory>();
        var actor = AuditActor.System("browser-test");
        (await directory.AddPersonAsync(actor, new DirectoryEntry(email, $"Petra Portal {suffix}") { Department = "Engineering" }, CancellationToken.None))
            .Succeeded.Should().BeTrue();
        (await directory.SetPasswordAsync(actor, email, Password, CancellationToken.None)).Succeeded.Should().BeTrue();

        var contexts = fixture.Server.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var vdi = new AssetType
        {
            Name = $"Portal VDI {suffix}",
            Description = "A Windows 11 desktop in the data centre, reachable from anywhere.",
            HelpText = "**Windows 11** with Office. See the [guide](https://intranet.example.com/vdi).",
            Category = AssetCategory.PlatformAccess,
            Icon = "desktop",
            AssignmentModel = AssignmentModel.AssignedPersonal,
            PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree,
            DeprovisionPolicy = DeprovisionPolicy.ReturnToPool,
            MaxPerUser = 0,
            DefaultDurationDays = 14,
            MaximumLifetimeDays = 90,
            MonthlyCost = 35m,
            Currency = "EUR",
            AllowRdpUsers = true,
            CollectJustification = true,
            StepVisibility = StepVisibility.Detailed,
            Attributes =
            [
                new AttributeDefinition("size", "Size", AttributeType.Enum) { Required = true, DefaultValue = "M", Options = ["S", "M", "L"] },
                new AttributeDefinition("gpu", "GPU", AttributeType.Bool),
                new AttributeDefinition("gpu_model", "GPU model", AttributeType.Enum)
                {
                    Required = true, Options = ["A10", "T4"], VisibleWhen = new AttributeCondition("gpu", "true"),
                },
                new AttributeDefinition("cost_centre", "Cost centre", AttributeType.String) { Classification = Classification.Pii },
            ],
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(vdi);
        await db.SaveChangesAsync();
        for (var i = 1; i <= freeAssets; i++)
            db.Add(new PoolAsset { Name = $"vdi-{suffix}-{i:D2}", AssetTypeId = vdi.Id, Status = PoolAssetStatus.Free, StatusChangedAt = now, CreatedAt = now, UpdatedAt = now });
        await db.SaveChangesAsync();
        return new PortalSeed(fixture, email, vdi);
    }

    /// <summary>Places an order for the person through the real placement (as the portal form does) and waits until
    /// the server's workers have provisioned it.</summary>
    public async Task<Order> ProvisionedOrderAsync()
    {
        Order placed;
        await using (var scope = Services.CreateAsyncScope())
        {
            var today = OrderDates.StartOfDay(DateTimeOffset.UtcNow);
            var request = new PlaceOrder(Vdi.Id, Email, today, today.AddDays(14))
            {
                Source = "portal",
                Attributes = new Dictionary<string, IReadOnlyList<string>> { ["size"] = ["L"], ["gpu"] = ["false"], ["cost_centre"] = ["4711"] },
                RdpUsers = ["a.colleague@example.com"],
                Justification = "Load tests of the billing service",
            };
            var result = await scope.ServiceProvider.GetRequiredService<OrderPlacement>()
                .PlaceAsync(request, OrderCaller.Portal(AuditActor.PortalUser(Email, "127.0.0.1"), Email), CancellationToken.None);
            result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.Select(e => e.Message)));
            placed = result.Value;
        }

        return await WaitForAsync(() => OrderAsync(placed.Id), o => o.Status == OrderStatus.Provisioned, $"order {placed.Id} provisioned");
    }

    public async Task<Order> OrderAsync(long id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Set<Order>().AsNoTracking().SingleAsync(o => o.Id == id);
    }

    public async Task<PoolAsset> AssetAsync(long id)
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await db.Set<PoolAsset>().AsNoTracking().SingleAsync(a => a.Id == id);
    }

    /// <summary>Signs the page's browser in to the portal through its sign-in page, with the keyboard.</summary>
    public async Task SignInAsync(WatchedPage watched)
    {
        var page = watched.Page;
        await watched.GoToAsync("/portal/login");
        await page.Locator("#portal-login").FillAsync(Email);
        await page.Locator("#portal-password").FillAsync(Password);
        await page.Locator("#portal-password").PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/portal");
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"Waited 30 s for {what}.");
            await Task.Delay(100);
        }
    }

    private IDbContextFactory<IpSolisDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
}
