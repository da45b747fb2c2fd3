using IpSolis.Server.Integrations.Ldap;
using IpSolis.Server.Tests.PersonDirectory.Ldap;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>
/// The runbook host pointed at the shared test slapd (scripts/test-services/ldap.sh) as an OpenLDAP directory whose
/// computer accounts use the AD-like computer schema the script loads (<c>top,device,computer</c>): the same
/// sAMAccountName and userAccountControl code path as an Active Directory.
/// </summary>
public sealed class DirectoryRunbookHost : IAsyncLifetime
{
    public const string ComputerClasses = "top,device,computer";

    public RunbookHost Runbooks { get; private set; } = null!;

    public LdapTestServer Server => LdapTestServer.Shared;

    public async Task InitializeAsync()
    {
        Runbooks = await RunbookHost.StartAsync();
        var settings = Server.Settings();
        settings[LdapSettings.ComputerObjectClasses.Key] = ComputerClasses;
        await LdapTestServer.ConfigureAsync(Runbooks.Orders.Factory, settings);
    }

    public async Task DisposeAsync() => await Runbooks.DisposeAsync();
}
