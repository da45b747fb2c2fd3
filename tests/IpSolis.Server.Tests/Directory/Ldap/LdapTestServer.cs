using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Net;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Integrations.Ldap;
using IpSolis.Server.Platform.Audit;
using IpSolis.Server.Platform.Settings;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.PersonDirectory.Ldap;

/// <summary>
/// The test slapd that scripts/test.sh starts (scripts/test-services/ldap.sh), loaded with the generated company in
/// Directory/Fixtures/company.ldif. A test that needs it fails (not skips) when it is missing: run the tests through
/// scripts/test.sh. <see cref="StartPrivateAsync"/> starts a server of a test's own, for tests that stop it.
/// </summary>
public sealed record LdapTestServer(string Url, string LdapsUrl, string CaFile, string BindDn, string Password, string BaseDn, string AdminDn, string AdminPassword, string Dir)
{
    /// <summary>The password of every person in the fixture.</summary>
    public const string PeoplePassword = "Company-Pa55!";

    public const string People = "ou=people,dc=example,dc=com";

    public const string Groups = "ou=groups,dc=example,dc=com";

    public static LdapTestServer Shared { get; } = FromEnvironment(name => Environment.GetEnvironmentVariable(name));

    private static LdapTestServer FromEnvironment(Func<string, string?> read)
    {
        string Need(string name) => read(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: the LDAP tests need the slapd that scripts/test.sh starts (run them through scripts/test.sh).");
        return new LdapTestServer(
            Need("IPSOLIS_TEST_LDAP_URL"), Need("IPSOLIS_TEST_LDAPS_URL"), Need("IPSOLIS_TEST_LDAP_CA_FILE"), Need("IPSOLIS_TEST_LDAP_BIND_DN"),
            Need("IPSOLIS_TEST_LDAP_PASSWORD"), Need("IPSOLIS_TEST_LDAP_BASE_DN"), Need("IPSOLIS_TEST_LDAP_ADMIN_DN"),
            Need("IPSOLIS_TEST_LDAP_ADMIN_PASSWORD"), Need("IPSOLIS_TEST_LDAP_DIR"));
    }

    /// <summary>Starts a slapd of the caller's own (same fixture, new ports and directory); stop it with <see cref="StopPrivate"/>.</summary>
    public static async Task<LdapTestServer> StartPrivateAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ipsolis-test-ldap-own-" + Guid.NewGuid().ToString("N")[..10]);
        var (code, output) = await RunScriptAsync("start", dir);
        if (code != 0)
            throw new InvalidOperationException($"scripts/test-services/ldap.sh start failed ({code}): {output}");
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return FromEnvironment(values.GetValueOrDefault);
    }

    public async Task StopPrivate() => await RunScriptAsync("stop", Dir);

    /// <summary>The slapd process id (from its pid file).</summary>
    public int ProcessId => int.Parse(File.ReadAllText(Path.Combine(Dir, "slapd.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Settings that point ip·Solis at this server as an OpenLDAP directory (cache off unless given).</summary>
    public Dictionary<string, string?> Settings(string? url = null, int cacheSeconds = 0) => new()
    {
        [DirectorySettings.Source.Key] = "ldap",
        [LdapSettings.Url.Key] = url ?? Url,
        [LdapSettings.ServerType.Key] = "openldap",
        [LdapSettings.BindDn.Key] = BindDn,
        [LdapSettings.BindPassword.Key] = Password,
        [LdapSettings.BaseDn.Key] = BaseDn,
        [LdapSettings.GroupBaseDn.Key] = Groups,
        [LdapSettings.TimeoutSeconds.Key] = "3",
        [LdapSettings.CacheSeconds.Key] = cacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Saves <paramref name="values"/> through the settings store (as an operator would), failing on any error.</summary>
    public static async Task ConfigureAsync(IpSolisFactory factory, IDictionary<string, string?> values)
    {
        var store = factory.Services.GetRequiredService<SettingsStore>();
        var result = await store.SaveAsync(new Dictionary<string, string?>(values), AuditActor.System("test"));
        result.Errors.Should().BeEmpty();
    }

    /// <summary>A connection bound as the rootdn, for tests that change the fixture behind ip·Solis' back.</summary>
    public LdapConnection Admin()
    {
        var uri = new Uri(Url);
        var connection = new LdapConnection(new LdapDirectoryIdentifier(uri.Host, uri.Port), new NetworkCredential(AdminDn, AdminPassword), AuthType.Basic);
        connection.SessionOptions.ProtocolVersion = 3;
        connection.Bind();
        return connection;
    }

    public static string PersonDn(string uid) => $"uid={uid},{People}";

    private static async Task<(int Code, string Output)> RunScriptAsync(string verb, string dir)
    {
        var script = Path.Combine(RepositoryRoot(), "scripts", "test-services", "ldap.sh");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, verb, dir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IpSolis.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("The repository root (IpSolis.slnx) is not above the test output.");
    }
}
