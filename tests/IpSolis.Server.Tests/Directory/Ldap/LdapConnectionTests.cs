using System.Diagnostics;
using System.DirectoryServices.Protocols;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Integrations.Ldap;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.PersonDirectory.Ldap;

/// <summary>TLS (LDAPS and StartTLS) with certificate validation, paging, the cache and the connection bound.</summary>
public sealed class LdapConnectionTests : IAsyncLifetime
{
    private readonly LdapTestServer _server = LdapTestServer.Shared;
    private IpSolisFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await IpSolisFactory.CreateAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private IDirectoryProbe Probe => _factory.Services.GetRequiredKeyedService<IDirectoryProbe>(DirectoryInUse.LdapKey);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Tls_WithTheServersCaConfigured_Connects(bool ldaps)
    {
        var settings = _server.Settings(url: ldaps ? _server.LdapsUrl : _server.Url);
        settings[LdapSettings.StartTls.Key] = ldaps ? "false" : "true";
        settings[LdapSettings.CaFile.Key] = _server.CaFile;
        await LdapTestServer.ConfigureAsync(_factory, settings);

        var report = await Probe.ProbeAsync(5, CancellationToken.None);

        report.Succeeded.Should().BeTrue(report.Problem);
        report.Steps[0].Message.Should().Contain(ldaps ? "LDAPS" : "StartTLS");
        (await _factory.Services.GetRequiredService<IPersonDirectory>().FindPersonAsync("victoria.king", CancellationToken.None)).Should().NotBeNull();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Tls_WithoutTrustingTheServersCa_RefusesToConnect(bool ldaps)
    {
        // Validation is on by default: the test CA is in no system store, so the handshake must fail.
        var settings = _server.Settings(url: ldaps ? _server.LdapsUrl : _server.Url);
        settings[LdapSettings.StartTls.Key] = ldaps ? "false" : "true";
        await LdapTestServer.ConfigureAsync(_factory, settings);

        var report = await Probe.ProbeAsync(5, CancellationToken.None);

        report.Succeeded.Should().BeFalse();
        var lookup = () => _factory.Services.GetRequiredService<IPersonDirectory>().FindPersonAsync("victoria.king", CancellationToken.None);
        await lookup.Should().ThrowAsync<DirectoryUnavailableException>();
    }

    [Fact]
    public async Task WrongServiceAccountPassword_IsReportedAsSuch()
    {
        var settings = _server.Settings();
        settings[LdapSettings.BindPassword.Key] = "not the password";
        await LdapTestServer.ConfigureAsync(_factory, settings);

        var report = await Probe.ProbeAsync(5, CancellationToken.None);

        report.Succeeded.Should().BeFalse();
        report.Problem.Should().Contain("refused the service account").And.NotContain("not the password");
    }

    [Fact]
    public async Task SampleSearch_LargerThanAPage_ReadsEveryPage()
    {
        var settings = _server.Settings();
        settings[LdapSettings.PageSize.Key] = "10";
        await LdapTestServer.ConfigureAsync(_factory, settings);

        var report = await Probe.ProbeAsync(1000, CancellationToken.None);

        report.Succeeded.Should().BeTrue(report.Problem);
        report.Sample.Should().HaveCount(200);
        report.Steps.Select(s => s.Name).Should().Equal("Connect and bind", "Read the base DN", "Sample search");
    }

    [Fact]
    public async Task Cache_RemembersALookupForItsLifetime_AndOffReadsFresh()
    {
        const string uid = "zz.target";
        await LdapTestServer.ConfigureAsync(_factory, _server.Settings(cacheSeconds: 300));
        var people = _factory.Services.GetRequiredService<IPersonDirectory>();
        var before = await people.FindPersonAsync(uid, CancellationToken.None);
        var title = "Auditor " + Guid.NewGuid().ToString("N")[..6];
        using (var admin = _server.Admin())
            admin.SendRequest(new ModifyRequest(LdapTestServer.PersonDn(uid), DirectoryAttributeOperation.Replace, "title", title));

        (await people.FindPersonAsync(uid, CancellationToken.None))!.Title.Should().Be(before!.Title);

        await LdapTestServer.ConfigureAsync(_factory, _server.Settings(cacheSeconds: 0));
        (await people.FindPersonAsync(uid, CancellationToken.None))!.Title.Should().Be(title);
    }

    [Fact]
    public async Task ManyConcurrentLookups_ShareTheBoundedConnections()
    {
        var settings = _server.Settings();
        settings[LdapSettings.MaxConnections.Key] = "2";
        await LdapTestServer.ConfigureAsync(_factory, settings);
        var people = _factory.Services.GetRequiredService<IPersonDirectory>();

        var found = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => people.FindPersonAsync("victoria.king", CancellationToken.None)));

        found.Should().OnlyContain(p => p != null && p.Email == "victoria.king@example.com");
    }
}
