using IpSolis.Browser.Tests.Infrastructure;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Orders;
using IpSolis.Server.Features.Pool;
using IpSolis.Server.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests.Admin;

/// <summary>The dashboard tiles and the admin order pages in a real browser: phone and desktop, light and dark, and an action with its confirmation.</summary>
[Collection(UiCollection.Name)]
public sealed class OrdersPagesBrowserTests(UiFixture fixture)
{
    public static TheoryData<string, int, string> Matrix()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var page in new[] { "dashboard", "orders", "order", "order-for-user" })
        foreach (var width in new[] { 375, 1440 })
        foreach (var scheme in new[] { "light", "dark" })
            data.Add(page, width, scheme);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task OrderPages_RenderWithoutErrorsOrSidewaysScrolling(string which, int width, string scheme)
    {
        var seeded = await SeedAsync();
        await using var watched = await WatchedPage.OpenAsync(fixture, width, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        var path = which switch
        {
            "dashboard" => "/ui",
            "orders" => "/ui/orders",
            "order" => $"/ui/orders/{seeded.FailedOrderId}",
            _ => $"/ui/orders/new?type={seeded.PooledTypeId}",
        };

        var response = await watched.GoToAsync(path);

        response.Status.Should().Be(200);
        var page = watched.Page;
        (await page.Locator("h1").First.IsVisibleAsync()).Should().BeTrue();
        if (which == "dashboard")
            (await page.Locator(".usage-tile svg.usage-chart").CountAsync()).Should().BeGreaterThan(0);
        await watched.ScreenshotAsync($"admin-{which}-{width}-{scheme}");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "nothing may force sideways scrolling of the whole page");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task Retry_AsksForConfirmation_ThenComesBackWithANotice_KeyboardOnly()
    {
        var seeded = await SeedAsync();
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        var page = watched.Page;
        await watched.GoToAsync($"/ui/orders/{seeded.FailedOrderId}");
        string? asked = null;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };

        await page.Locator("[data-card='order-actions'] button", new() { HasTextString = "Retry" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("done=retried", StringComparison.Ordinal));

        asked.Should().Contain($"Retry order {seeded.FailedOrderId}?");
        (await page.Locator(".alert-success").TextContentAsync()).Should().Contain("runs again");
        watched.ShouldHaveNoProblems();
    }

    private sealed record Seeded(long PooledTypeId, long FailedOrderId);

    /// <summary>Rows of this test's own (uniquely named) types; the server is shared by the whole collection.</summary>
    private async Task<Seeded> SeedAsync()
    {
        var contexts = fixture.Server.Services.GetRequiredService<IDbContextFactory<IpSolisDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var vdi = new AssetType { Name = $"VDI {suffix}", ShowOnDashboard = true, PersonalProvisioningStrategy = PersonalProvisioningStrategy.AssignExistingFree, CreatedAt = now, UpdatedAt = now };
        var seats = new AssetType
        {
            Name = $"CRM seats {suffix}",
            AssignmentModel = AssignmentModel.CapacityPooled,
            PoolCapacity = 10,
            ShowOnDashboard = true,
            CollectJustification = true,
            AllowRdpUsers = true,
            AttributesJson = JsonColumn.Write(new[] { new AttributeDefinition("region", "Region", AttributeType.Enum) { Required = true, Options = ["emea", "amer"] } }),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.AddRange(vdi, seats);
        await db.SaveChangesAsync();
        foreach (var (status, count) in new[] { (PoolAssetStatus.Free, 2), (PoolAssetStatus.Busy, 7), (PoolAssetStatus.Failed, 1) })
        {
            for (var i = 0; i < count; i++)
                db.Add(new PoolAsset { Name = $"vdi-{suffix}-{status}-{i}", AssetTypeId = vdi.Id, Status = status, StatusChangedAt = now, CreatedAt = now, UpdatedAt = now });
        }

        var failed = new Order
        {
            AssetTypeId = vdi.Id,
            Status = OrderStatus.Failed,
            RequesterEmail = $"a.very.long.requester.address.{suffix}@subsidiary.example.com",
            RequesterName = "Ada Lovelace",
            PlacedBy = "system:test",
            Source = "api",
            RequestedFrom = now,
            RequestedUntil = now.AddDays(30),
            ErrorMessage = "The hypervisor refused the clone: quota exceeded on cluster-7",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(failed);
        await db.SaveChangesAsync();
        db.AddRange(
            new OrderStep { OrderId = failed.Id, Position = 1, Code = "reserve_asset", Name = "Reserve asset", Status = StepStatus.Succeeded, StartedAt = now, FinishedAt = now.AddSeconds(1), Output = "Reserved vdi-" + suffix },
            new OrderStep { OrderId = failed.Id, Position = 2, Code = "clone_vm", Name = "Clone VM", Status = StepStatus.Failed, StartedAt = now.AddSeconds(1), FinishedAt = now.AddSeconds(9), Error = "quota exceeded on cluster-7\n   at Hypervisor.Clone(String template) in /src/very/long/path/that/should/wrap/Hypervisor.cs:line 42" });
        await db.SaveChangesAsync();
        return new Seeded(seats.Id, failed.Id);
    }
}
