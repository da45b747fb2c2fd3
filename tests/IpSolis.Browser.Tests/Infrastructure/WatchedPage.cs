using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests.Infrastructure;

/// <summary>
/// A fresh browser context and page that records everything a person would call broken: console errors (content
/// security policy violations included), uncaught script errors, failed requests and error responses.
/// </summary>
public sealed class WatchedPage : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly HashSet<string> _expectedErrorPaths = new(StringComparer.Ordinal);

    private WatchedPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // The browser logs the status of a page asked for a 404 on purpose; anything else is a problem.
            if (message.Type == "error" && !IsExpected(message.Location))
                _problems.Enqueue($"console error: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _problems.Enqueue($"page error: {error}");
        page.RequestFailed += (_, request) => _problems.Enqueue($"request failed: {request.Method} {request.Url}: {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !_expectedErrorPaths.Contains(new Uri(response.Url).AbsolutePath))
                _problems.Enqueue($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
        };
    }

    public IBrowserContext Context { get; }

    /// <summary>Playwright gives a console message's location as <c>url:line:column</c>.</summary>
    private bool IsExpected(string location) =>
        Uri.TryCreate(Regex.Replace(location, @":\d+:\d+$", ""), UriKind.Absolute, out var url)
        && _expectedErrorPaths.Contains(url.AbsolutePath);

    public IPage Page { get; }

    public IReadOnlyList<string> Problems => [.. _problems];

    public static async Task<WatchedPage> OpenAsync(UiFixture fixture, int width, ColorScheme scheme = ColorScheme.Light, string locale = "en-US")
    {
        var context = await fixture.Browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            ColorScheme = scheme,
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        // Every watched page is an administrator's browser: the console needs a session, the portal ignores it.
        await context.AddCookiesAsync([new Cookie
        {
            Name = AdminSignIn.AdminSessionCookie,
            Value = await fixture.Server.AdminSessionAsync(),
            Url = fixture.Server.BaseAddress.ToString(),
            HttpOnly = true,
            SameSite = SameSiteAttribute.Lax,
        }]);
        var page = await context.NewPageAsync();
        return new WatchedPage(context, page);
    }

    /// <summary>For a test that asks for a missing page on purpose: its 404 is the point, not a problem.</summary>
    public void ExpectErrorStatusFor(string path) => _expectedErrorPaths.Add(path);

    /// <summary>Navigates and waits until the page, its styles and scripts have loaded and the network is quiet.</summary>
    public async Task<IResponse> GoToAsync(string path)
    {
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle })
            ?? throw new InvalidOperationException($"No response for {path}.");
        return response;
    }

    public void ShouldHaveNoProblems() =>
        Problems.Should().BeEmpty("a page must load without console errors, script errors or failed requests");

    public async Task ScreenshotAsync(string name)
    {
        var bytes = await Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });
        foreach (var directory in Screenshots.Directories())
        {
            Directory.CreateDirectory(directory);
            await File.WriteAllBytesAsync(Path.Combine(directory, name + ".png"), bytes);
        }
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
