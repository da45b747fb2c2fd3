using System.Net;
using AngleSharp.Html.Parser;

namespace IpSolis.Browser.Tests.Infrastructure;

/// <summary>
/// Signs in to the admin console through its own login page, as a person would: the first time on an empty server
/// that is the "Create first administrator" form, afterwards the normal sign-in form. Gives the session cookie so a
/// browser context or an HTTP client can carry it.
/// </summary>
public static class AdminSignIn
{
    public const string Username = "shell.admin";
    public const string Password = "shell administrator password";

    private static readonly HtmlParser Parser = new();

    /// <summary>Signs <paramref name="client"/> in (its handler must keep cookies); returns the session cookie's value.</summary>
    public static async Task<string> SignInAsync(HttpClient client, CookieContainer cookies, Uri baseAddress)
    {
        using var login = await client.GetAsync("/ui/login");
        login.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = Parser.ParseDocument(await login.Content.ReadAsStringAsync());
        var firstRun = page.QuerySelector("input[name='_handler'][value='first-run']") is not null;
        var form = page.QuerySelector($"input[name='_handler'][value='{(firstRun ? "first-run" : "sign-in")}']")!.Closest("form")!;
        var fields = form.QuerySelectorAll("input[type='hidden']")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        if (firstRun)
        {
            fields.Add(new("Setup.Username", Username));
            fields.Add(new("Setup.Password", Password));
            fields.Add(new("Setup.Confirmation", Password));
        }
        else
        {
            fields.Add(new("Credentials.Username", Username));
            fields.Add(new("Credentials.Password", Password));
        }

        using var posted = await client.PostAsync("/ui/login", new FormUrlEncodedContent(fields));
        posted.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing in redirects to the console");
        return cookies.GetCookies(baseAddress)[AdminSessionCookie]?.Value
            ?? throw new InvalidOperationException("Signing in set no session cookie.");
    }

    public const string AdminSessionCookie = IpSolis.Server.Platform.Security.AdminSessions.CookieName;
}
