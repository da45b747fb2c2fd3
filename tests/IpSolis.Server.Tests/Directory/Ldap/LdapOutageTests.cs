using System.Diagnostics;
using System.Net;
using System.Text.Json;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.PersonDirectory.Ldap;

/// <summary>A directory that stops or hangs mid-run: clear messages, /health degraded, no 500, bounded waits.</summary>
public sealed class LdapOutageTests : IAsyncLifetime
{
    private LdapTestServer _server = null!;
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _server = await LdapTestServer.StartPrivateAsync();
        _factory = await IpSolisFactory.CreateAsync();
        await LdapTestServer.ConfigureAsync(_factory, _server.Settings());
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _server.StopPrivate();
    }

    private async Task<JsonElement> DirectoryHealthAsync()
    {
        using var response = await _factory.CreateClient().GetAsync("/health");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task ServerStoppedMidRun_LookupsSayTheDirectoryIsUnreachable_HealthIsDegradedNotError()
    {
        var people = _factory.Services.GetRequiredService<IPersonDirectory>();
        (await people.FindPersonAsync("victoria.king", CancellationToken.None)).Should().NotBeNull();
        var healthy = await DirectoryHealthAsync();
        healthy.GetProperty("checks").GetProperty("directory").GetProperty("status").GetString().Should().Be("ok");

        Process.GetProcessById(_server.ProcessId).Kill();
        await Task.Delay(300);

        var lookup = () => people.IsMemberAsync("victoria.king@example.com", "all-staff", CancellationToken.None);
        (await lookup.Should().ThrowAsync<DirectoryUnavailableException>()).Which.Message.Should().Contain("cannot be reached");
        var health = await DirectoryHealthAsync();
        health.GetProperty("status").GetString().Should().Be("degraded");
        var directory = health.GetProperty("checks").GetProperty("directory");
        directory.GetProperty("status").GetString().Should().Be("degraded");
        directory.ToString().Should().Contain("cannot be reached");
    }

    [Fact]
    public async Task ServerStoppedMidRun_PortalSignInSaysTheDirectoryIsUnreachable_WithA503_AndAudits()
    {
        Process.GetProcessById(_server.ProcessId).Kill();
        await Task.Delay(300);
        using var browser = ConsoleClient.For(_factory);

        var (response, page) = await browser.SubmitAsync("/portal/login", "portal-sign-in", new Dictionary<string, string>
        {
            ["Credentials.Login"] = "victoria.king",
            ["Credentials.Password"] = LdapTestServer.PeoplePassword,
        });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        page.QuerySelector(".alert")!.TextContent.Should().Contain("directory cannot be reached");
        (await AccessFixtures.AuditAsync(_factory)).Should().Contain(a => a.Action == "portal.sign_in_failed" && a.NewValues!.Contains("directory_unavailable"));
    }

    [Fact]
    public async Task ServerThatHangs_TimesOutWithinTheConfiguredTimeout()
    {
        var people = _factory.Services.GetRequiredService<IPersonDirectory>();
        (await people.FindPersonAsync("victoria.king", CancellationToken.None)).Should().NotBeNull();
        var slapd = _server.ProcessId;
        Kill(slapd, "STOP");
        try
        {
            var clock = Stopwatch.StartNew();
            var lookup = () => people.FindPersonAsync("anna.koch", CancellationToken.None);

            await lookup.Should().ThrowAsync<DirectoryUnavailableException>();
            clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "the timeout is 3 s (a reused connection may be retried once)");
        }
        finally
        {
            Kill(slapd, "CONT");
        }
    }

    private static void Kill(int pid, string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }
}
