using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace IpSolis.Server.Tests.Infrastructure;

/// <summary>
/// A browser-like client for the admin console: keeps cookies, does not follow redirects, and submits forms the
/// way a browser would (the page's antiforgery token and Blazor's form name included).
/// </summary>
public sealed class ConsoleClient : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private static readonly Uri Site = new("http://localhost/");
    private readonly CookieJar _jar;

    private ConsoleClient(HttpClient http, CookieJar jar)
    {
        Http = http;
        _jar = jar;
    }

    public HttpClient Http { get; }

    /// <summary>The console session cookie's value, if the client holds one.</summary>
    public string? SessionCookie => _jar.Container.GetCookies(Site)[Platform.Security.AdminSessions.CookieName]?.Value;

    public static ConsoleClient For(IpSolisFactory factory)
    {
        var jar = new CookieJar();
        return new ConsoleClient(factory.CreateDefaultClient(jar), jar);
    }

    /// <summary>Uses another host (a second replica) with the same cookies.</summary>
    public ConsoleClient On(IpSolisFactory other)
    {
        var jar = new CookieJar(_jar.Container);
        return new ConsoleClient(other.CreateDefaultClient(jar), jar);
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetPageAsync(string path)
    {
        var response = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Accept", "text/html" } } });
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Loads <paramref name="path"/>, finds the form named <paramref name="formName"/> (Blazor's <c>_handler</c>)
    /// or posting to <paramref name="formName"/> (an action path), and submits it with <paramref name="fields"/>.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> SubmitAsync(string path, string formName, IDictionary<string, string> fields, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var (loaded, page) = await GetPageAsync(path);
        loaded.StatusCode.Should().Be(HttpStatusCode.OK, $"the page with form '{formName}' must load");
        var form = FindForm(page, formName) ?? throw new InvalidOperationException($"No form '{formName}' on {path}:\n{page.Body?.OuterHtml}");
        var values = form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        values.AddRange(fields);
        values.AddRange(extra ?? []);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? path : form.GetAttribute("action")!;
        return await PostAsync(action, values);
    }

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostAsync(string action, IEnumerable<KeyValuePair<string, string>> values)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Add("Accept", "text/html");
        var response = await Http.SendAsync(request);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Where a redirect points, as a path and query (absolute locations on this site included).</summary>
    public static string RedirectTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{(int)response.StatusCode} is not a redirect.");
        return location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static IHtmlFormElement? FindForm(IHtmlDocument page, string formName) =>
        page.Forms.FirstOrDefault(f => f.Elements.OfType<IHtmlInputElement>().Any(i => i.Name == "_handler" && i.Value == formName))
        ?? page.Forms.FirstOrDefault(f => f.GetAttribute("action") == formName);

    /// <summary>The antiforgery token field of a form on <paramref name="page"/>.</summary>
    public static string AntiforgeryToken(IHtmlDocument page, string formName) =>
        FindForm(page, formName)!.Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "__RequestVerificationToken").Value;

    public async Task SignInAsync(string username, string password)
    {
        var (response, page) = await SubmitAsync("/ui/login", "sign-in", new Dictionary<string, string>
        {
            ["Credentials.Username"] = username,
            ["Credentials.Password"] = password,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Redirect, page.QuerySelector(".alert")?.TextContent ?? page.Body?.TextContent);
    }

    public void Dispose() => Http.Dispose();

    /// <summary>Keeps cookies like a browser; redirects are not followed, so tests see them.</summary>
    private sealed class CookieJar(CookieContainer? container = null) : DelegatingHandler
    {
        public CookieContainer Container { get; } = container ?? new CookieContainer();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = Container.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
                request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                foreach (var cookie in cookies)
                    Container.SetCookies(request.RequestUri!, cookie);
            }

            return response;
        }
    }
}
