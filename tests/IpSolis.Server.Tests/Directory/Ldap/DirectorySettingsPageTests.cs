using System.Net;
using System.Text.Json;
using IpSolis.Domain.Access;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.PersonDirectory.Ldap;

/// <summary>The Directory settings tab, its "Test connection", and the directory entry of /health.</summary>
public sealed class DirectorySettingsPageTests : IAsyncLifetime
{
    private readonly LdapTestServer _server = LdapTestServer.Shared;
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _factory = await IpSolisFactory.CreateAsync();
        await AccessFixtures.AddUserAsync(_factory, "root", AdminRole.Superadmin);
        await AccessFixtures.AddUserAsync(_factory, "helpdesk", AdminRole.Helpdesk);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task SavingTheLdapSettings_ThenTestConnection_ShowsBindSampleAndTimings_WithoutThePassword()
    {
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("root", AccessFixtures.Password);
        var fields = _server.Settings().ToDictionary(kv => "setting:" + kv.Key, kv => kv.Value ?? "");

        var (saved, _) = await console.SubmitAsync("/ui/settings/directory", "directory-settings", fields);
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (response, page) = await console.SubmitAsync("/ui/settings/directory", "directory-test", new Dictionary<string, string> { ["test"] = "1" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var steps = page.QuerySelectorAll("tr[data-step]").Select(r => r.GetAttribute("data-step")).ToList();
        steps.Should().Equal("Connect and bind", "Read the base DN", "Sample search");
        page.QuerySelectorAll("tr[data-step] .badge").Select(b => b.TextContent.Trim()).Should().OnlyContain(t => t == "OK");
        page.QuerySelectorAll("tr[data-step] td.num").Should().OnlyContain(c => c.TextContent.EndsWith(" ms"));
        page.QuerySelector("[aria-label='Sample people'] tbody")!.Children.Should().HaveCount(5);
        page.Body!.InnerHtml.Should().NotContain(_server.Password);
        var audit = await AccessFixtures.AuditAsync(_factory);
        audit.Where(a => a.Action == "setting.changed").Should().Contain(a => a.EntityId == "directory.ldap.bind_password" && !a.NewValues!.Contains(_server.Password));
    }

    [Fact]
    public async Task TestConnection_AgainstAStoppedAddress_ShowsTheFailureAsAPage_NotAnError()
    {
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("root", AccessFixtures.Password);
        await LdapTestServer.ConfigureAsync(_factory, _server.Settings(url: "ldap://127.0.0.1:1"));

        var (response, page) = await console.SubmitAsync("/ui/settings/directory", "directory-test", new Dictionary<string, string> { ["test"] = "1" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        page.QuerySelector("[data-card='directory-test'] .alert")!.TextContent.Should().Contain("The test failed");
        page.QuerySelector("tr[data-step] td:nth-child(3)")!.TextContent.Should().Contain("cannot be reached");
    }

    [Fact]
    public async Task Helpdesk_CannotOpenTheDirectorySettings()
    {
        using var console = ConsoleClient.For(_factory);
        await console.SignInAsync("helpdesk", AccessFixtures.Password);

        var (response, _) = await console.GetPageAsync("/ui/settings/directory");

        response.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Health_WithTheLocalDirectory_ReportsItOk_AndWithLdap_ReportsTheBind()
    {
        async Task<string?> DirectoryStatusAsync()
        {
            using var response = await _factory.CreateClient().GetAsync("/health");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.GetProperty("checks").GetProperty("directory").GetProperty("status").GetString();
        }

        (await DirectoryStatusAsync()).Should().Be("ok");
        await LdapTestServer.ConfigureAsync(_factory, _server.Settings());
        (await DirectoryStatusAsync()).Should().Be("ok");
        await LdapTestServer.ConfigureAsync(_factory, _server.Settings(url: "ldap://127.0.0.1:1"));
        (await DirectoryStatusAsync()).Should().Be("degraded");
    }
}
