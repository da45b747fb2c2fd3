using IpSolis.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IpSolis.Browser.Tests;

/// <summary>
/// The administrator's first minutes in a real browser, on a server of its own (first run needs an empty database):
/// create the first administrator, sign in, create a user, sign in as that user, sign out.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class AdminAccessBrowserTests(UiFixture fixture)
{
    private const string RootPassword = "first administrator password";
    private const string UserPassword = "helpdesk person password";

    [Fact]
    public async Task FirstRun_SignIn_CreateUser_SignInAsThatUser_SignOut()
    {
        await using var server = new RunningServer();
        await using var context = await fixture.Browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Response += (_, response) =>
        {
            // The refused superadmin page is expected to answer 403; nothing else may fail.
            if (response.Status >= 400 && !(response.Status == 403 && response.Url.EndsWith("/ui/admin-users", StringComparison.Ordinal)))
                problems.Add($"{response.Status} {response.Url}");
        };

        // First run: the login page offers to create the first administrator, who is signed in at once.
        await page.GotoAsync("/ui/login");
        (await page.Locator("h1").TextContentAsync()).Should().Be("Create first administrator");
        await page.Locator("#setup-username").FillAsync("Root.Admin");
        await page.Locator("#setup-password").FillAsync(RootPassword);
        await page.Locator("#setup-confirmation").FillAsync(RootPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ui");

        // Sign out and back in with the new account.
        await page.GotoAsync("/ui/account");
        await page.Locator("form[action='/ui/logout'] button").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ui/login");
        (await page.Locator("h1").TextContentAsync()).Should().Be("Sign in");
        await page.Locator("#sign-in-username").FillAsync("root.admin");
        await page.Locator("#sign-in-password").FillAsync(RootPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ui");

        // Create a helpdesk user.
        await page.GotoAsync("/ui/admin-users");
        await page.Locator("#new-username").FillAsync("desk.person");
        await page.Locator("#new-role").SelectOptionAsync("helpdesk");
        await page.Locator("#new-password").FillAsync(UserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        (await page.Locator(".alert-success").TextContentAsync()).Should().Contain("desk.person");
        (await page.Locator("table").First.TextContentAsync()).Should().Contain("desk.person");
        await page.GotoAsync("/ui/account");
        await page.Locator("form[action='/ui/logout'] button").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ui/login");

        // Sign in as that user: their own account page works, the superadmin pages are refused.
        await page.Locator("#sign-in-username").FillAsync("desk.person");
        await page.Locator("#sign-in-password").FillAsync(UserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ui");
        await page.GotoAsync("/ui/account");
        (await page.Locator(".stat-list").TextContentAsync()).Should().Contain("desk.person").And.Contain("helpdesk");
        var refused = await page.GotoAsync("/ui/admin-users");
        refused!.Status.Should().Be(403);

        await page.GotoAsync("/ui/account");
        await page.Locator("form[action='/ui/logout'] button").First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/ui/login");
        var afterSignOut = await page.GotoAsync("/ui/account");
        new Uri(afterSignOut!.Url).AbsolutePath.Should().Be("/ui/login", "the session is over");
        problems.Should().BeEmpty();
    }
}
