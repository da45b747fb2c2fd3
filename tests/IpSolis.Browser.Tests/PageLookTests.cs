using IpSolis.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests;

/// <summary>Every page at phone and desktop width, light and dark: it renders cleanly and is kept as a screenshot.</summary>
[Collection(UiCollection.Name)]
public sealed class PageLookTests(UiFixture fixture)
{
    public static TheoryData<string, int, string> Matrix()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var path in new[] { "/ui", "/portal" })
        foreach (var width in new[] { 375, 1440 })
        foreach (var scheme in new[] { "light", "dark" })
            data.Add(path, width, scheme);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Page_RendersWithoutErrors_AtWidthAndColourScheme(string path, int width, string scheme)
    {
        await using var watched = await WatchedPage.OpenAsync(fixture, width, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);

        var response = await watched.GoToAsync(path);

        response.Status.Should().Be(200);
        var page = watched.Page;
        (await page.Locator("h1").First.IsVisibleAsync()).Should().BeTrue();
        (await page.Locator("footer [data-version]").TextContentAsync()).Should().NotBeNullOrWhiteSpace();
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        overflow.Should().BeLessThanOrEqualTo(0, "nothing may force sideways scrolling of the whole page");
        var background = await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        Luminance(background).Should().Be(scheme == "dark" ? "dark" : "light", $"the body background is {background}");

        await watched.ScreenshotAsync($"{path.Trim('/')}-{width}-{scheme}");
        watched.ShouldHaveNoProblems();
    }

    /// <summary>Classifies a computed <c>rgb(r, g, b)</c> colour.</summary>
    private static string Luminance(string rgb)
    {
        var parts = rgb[(rgb.IndexOf('(') + 1)..rgb.IndexOf(')')].Split(',', StringSplitOptions.TrimEntries);
        var (r, g, b) = (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "dark" : "light";
    }
}
