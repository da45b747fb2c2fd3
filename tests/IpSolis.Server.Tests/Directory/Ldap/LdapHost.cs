using IpSolis.Server.Features.Directory;
using IpSolis.Server.Integrations.Ldap;
using IpSolis.Server.Tests.Infrastructure;

namespace IpSolis.Server.Tests.PersonDirectory.Ldap;

/// <summary>The real host pointed at the shared test slapd as an OpenLDAP directory, cache off.</summary>
public sealed class LdapHost : IAsyncLifetime
{
    public IpSolisFactory Factory { get; private set; } = null!;

    public LdapTestServer Server => LdapTestServer.Shared;

    public IPersonDirectory People => Factory.Services.GetRequiredService<IPersonDirectory>();

    public IDirectoryGroups Groups => Factory.Services.GetRequiredService<IDirectoryGroups>();

    public IDirectoryAuthentication Authentication => Factory.Services.GetRequiredService<IDirectoryAuthentication>();

    public LdapPersonDirectory Ldap => Factory.Services.GetRequiredService<LdapPersonDirectory>();

    public async Task InitializeAsync()
    {
        Factory = await IpSolisFactory.CreateAsync();
        await LdapTestServer.ConfigureAsync(Factory, Server.Settings());
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
