using IpSolis.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests.Portal;

/// <summary>Every portal page of ordering at phone and desktop width, light and dark: no errors, no sideways scrolling.</summary>
[Collection(UiCollection.Name)]
public sealed class PortalPagesBrowserTests(UiFixture fixture)
{
    public static TheoryData<string, int, string> Matrix()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var page in new[] { "catalog", "order-form", "orders", "order", "my-it", "my-it-detail" })
        foreach (var width in new[] { 375, 1440 })
        foreach (var scheme in new[] { "light", "dark" })
            data.Add(page, width, scheme);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task PortalPages_RenderWithoutErrorsOrSidewaysScrolling(string which, int width, string scheme)
    {
        var seed = await PortalSeed.CreateAsync(fixture);
        var order = await seed.ProvisionedOrderAsync();
        await using var watched = await WatchedPage.OpenAsync(fixture, width, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        await seed.SignInAsync(watched);
        var path = which switch
        {
            "catalog" => "/portal/catalog",
            "order-form" => $"/portal/orders/new?type={seed.Vdi.Id}",
            "orders" => "/portal/orders",
            "order" => $"/portal/orders/{order.Id}",
            "my-it" => "/portal/my-it",
            _ => $"/portal/my-it/{order.Id}",
        };

        var response = await watched.GoToAsync(path);

        response.Status.Should().Be(200);
        var page = watched.Page;
        (await page.Locator("h1").First.IsVisibleAsync()).Should().BeTrue();
        await watched.ScreenshotAsync($"portal-{which}-{width}-{scheme}");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "nothing may force sideways scrolling of the whole page");
        watched.ShouldHaveNoProblems();
    }

    [Fact]
    public async Task TheOrderForm_WorksWithTheKeyboardAlone_AndShowsErrorsAtTheFields()
    {
        var seed = await PortalSeed.CreateAsync(fixture);
        await using var watched = await WatchedPage.OpenAsync(fixture, 375);
        watched.ExpectErrorStatusFor("/portal/orders/new");
        await seed.SignInAsync(watched);
        var page = watched.Page;
        await watched.GoToAsync($"/portal/orders/new?type={seed.Vdi.Id}");

        // Tick GPU with the keyboard: its model appears; then submit without choosing one.
        await page.Locator("#attr-gpu").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        (await page.Locator("[data-attribute='gpu_model']").IsVisibleAsync()).Should().BeTrue();
        await page.Locator("#order-justification").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        (await page.Locator(".alert-error .alert-title").TextContentAsync()).Should().Be("Your order was not placed");
        (await page.Locator("[data-attribute='gpu_model'] .field-error").TextContentAsync()).Should().Contain("required");
        (await page.Locator("[data-attribute='gpu_model']").IsVisibleAsync()).Should().BeTrue("the ticked GPU comes back ticked, so its model stays shown");
        watched.ShouldHaveNoProblems();
    }
}
