using IpSolis.Browser.Tests.Infrastructure;
using IpSolis.Domain.Orders;
using IpSolis.Domain.Pool;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests.Portal;

/// <summary>An employee's whole round trip in a real browser: order a VDI, see it provisioned and in My IT, return it.</summary>
[Collection(UiCollection.Name)]
public sealed class PortalJourneyBrowserTests(UiFixture fixture)
{
    [Fact]
    public async Task OrderAVdi_SeeItProvisionedInMyIt_ReturnIt_AndTheAssetIsFreeAgain()
    {
        var seed = await PortalSeed.CreateAsync(fixture, freeAssets: 1);
        await using var watched = await WatchedPage.OpenAsync(fixture, 1440);
        var page = watched.Page;
        await seed.SignInAsync(watched);

        // The catalog: find the type by searching, then order it.
        await watched.GoToAsync("/portal/catalog");
        await page.Locator("#catalog-search").FillAsync(seed.Vdi.Name);
        await page.Locator("#catalog-search").PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        var card = page.Locator($".catalog-card[data-asset-type='{seed.Vdi.Id}']");
        (await card.Locator(".badge").TextContentAsync()).Should().Be("Available");
        var orderLink = card.Locator("a[href^='/portal/orders/new']");
        (await orderLink.TextContentAsync()).Should().Be($"Order: {seed.Vdi.Name}", "the link names what it orders for screen readers");
        await orderLink.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/portal/orders/new");

        // The GPU model is asked for only once GPU is ticked (script); unticked again, it is not needed.
        var gpuModel = page.Locator("[data-attribute='gpu_model']");
        (await gpuModel.IsHiddenAsync()).Should().BeTrue();
        await page.Locator("#attr-gpu").CheckAsync();
        (await gpuModel.IsVisibleAsync()).Should().BeTrue();
        await page.Locator("#attr-gpu").UncheckAsync();
        (await gpuModel.IsHiddenAsync()).Should().BeTrue();
        await page.Locator("#attr-size").SelectOptionAsync("L");
        await page.Locator("#attr-cost_centre").FillAsync("4711");
        await page.Locator("#order-justification").FillAsync("Load tests of the billing service");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("?placed=1", StringComparison.Ordinal));
        (await page.Locator(".alert-success .alert-title").TextContentAsync()).Should().Be("Order placed");
        var orderId = long.Parse(new Uri(page.Url).AbsolutePath["/portal/orders/".Length..], System.Globalization.CultureInfo.InvariantCulture);

        // Reload the order page until it says the VDI is ready.
        await PortalSeed.WaitForAsync(async () =>
        {
            await watched.GoToAsync($"/portal/orders/{orderId}");
            return await page.Locator(".order-banner .order-status-provisioned").CountAsync();
        }, count => count == 1, $"order {orderId} shown as ready");
        var order = await seed.OrderAsync(orderId);
        order.RequesterEmail.Should().Be(seed.Email);
        var asset = await seed.AssetAsync(order.AssignedAssetId!.Value);
        asset.Status.Should().Be(PoolAssetStatus.Busy);
        (await page.Locator(".portal-facts").TextContentAsync()).Should().Contain(asset.Name);
        (await page.Locator(".order-steps tbody tr").CountAsync()).Should().BeGreaterThan(0, "the type shows its steps in detail");

        // My IT lists it, with its expiry.
        await page.Locator("nav.portal-nav").GetByRole(AriaRole.Link, new() { Name = "My IT", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/portal/my-it");
        var item = page.Locator($".my-it-item[data-order='{orderId}']");
        (await item.Locator(".my-it-name").TextContentAsync()).Should().Be(asset.Name);
        (await item.Locator(".my-it-expiry").TextContentAsync()).Should().Contain("in 14 days");

        // Return it, keyboard only: confirm with the space bar, submit with Enter.
        await item.Locator("a.btn", new() { HasTextString = "Manage" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/portal/my-it/{orderId}");
        await page.Locator("#my-it-confirm").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("done=return", StringComparison.Ordinal));
        (await page.Locator(".alert-success").TextContentAsync()).Should().Contain("The return was requested");

        // The asset is free again, and the order is over.
        await PortalSeed.WaitForAsync(() => seed.AssetAsync(asset.Id), a => a.Status == PoolAssetStatus.Free, $"asset {asset.Name} free");
        (await PortalSeed.WaitForAsync(() => seed.OrderAsync(orderId), o => o.Status == OrderStatus.Revoked, $"order {orderId} revoked"))
            .Status.Should().Be(OrderStatus.Revoked);
        await watched.GoToAsync("/portal/my-it");
        (await page.Locator($".my-it-item[data-order='{orderId}']").CountAsync()).Should().Be(0);
        await watched.GoToAsync($"/portal/orders/{orderId}");
        (await page.Locator(".order-banner .order-status-revoked").CountAsync()).Should().Be(1);
        watched.ShouldHaveNoProblems();
    }
}
