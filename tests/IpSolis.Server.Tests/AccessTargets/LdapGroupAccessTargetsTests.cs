using IpSolis.Domain.AccessTargets;
using IpSolis.Domain.Catalog;
using IpSolis.Domain.Orders;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Features.Directory;
using IpSolis.Server.Tests.PersonDirectory.Ldap;

namespace IpSolis.Server.Tests.AccessTargets;

/// <summary>
/// Group-access targets against the test slapd: the directory changes at once (it cannot join the run's
/// transaction), so a run that dies before its commit leaves the change made and the ledger row unwritten.
/// </summary>
public sealed class LdapGroupAccessTargetsTests : IAsyncLifetime
{
    private const string Ceo = "victoria.king@example.com";
    private const string Template = "cn=acc-{asset_name}," + LdapTestServer.Groups;

    private AccessTargetsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await AccessTargetsHost.StartAsync();
        await LdapTestServer.ConfigureAsync(_host.Factory, LdapTestServer.Shared.Settings());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IPersonDirectory People => _host.Factory.Services.GetRequiredService<IPersonDirectory>();

    private async Task<(AssetType Type, string Group)> CompositeTypeAsync()
    {
        var prefix = "T" + Guid.NewGuid().ToString("N")[..10];
        var type = await _host.AddTypeAsync(prefix, AutomationStrategy.Composite, new GroupTarget(Template, PrincipalSource.Requester, CreateIfMissing: true));
        var asset = (await _host.Orders.AddAssetsAsync(type.Id, 1, prefix))[0];
        return (type, $"cn=acc-{asset.Name}," + LdapTestServer.Groups);
    }

    private Task<bool> IsMemberAsync(string group) => People.IsMemberAsync(Ceo, group, CancellationToken.None);

    [Fact]
    public async Task CompositeType_ProvisionsAgainstOpenLdap_AndItsEndRevokes()
    {
        var (type, group) = await CompositeTypeAsync();
        var order = await _host.AddProvisionAsync(type, Ceo);

        (await _host.RunAsync(order)).Should().Be(OrderStatus.Provisioned);

        (await IsMemberAsync(group)).Should().BeTrue();
        var grant = (await _host.LedgerAsync()).Single();
        (grant.GroupDn, grant.Principal, grant.Action, grant.Outcome).Should().Be((group, Ceo, AccessAction.Grant, "added"));

        var end = await _host.AddFollowUpAsync(order, OrderAction.Delete);
        (await _host.RunAsync(end)).Should().Be(OrderStatus.Revoked);

        (await IsMemberAsync(group)).Should().BeFalse();
        (await _host.LedgerAsync()).Last().Should().Match<Server.Features.AccessTargets.AccessLedgerRow>(r => r.Action == AccessAction.Revoke && r.Outcome == "removed");
        var audit = await Infrastructure.AccessFixtures.AuditAsync(_host.Factory);
        audit.Where(a => string.Equals(a.EntityId, group, StringComparison.OrdinalIgnoreCase)).Select(a => a.Action).Should().Contain(["directory_group.created", "directory_group.member_added", "directory_group.member_removed"]);
    }

    [Fact]
    public async Task Crash_BetweenTheDirectoryCallAndTheLedgerWrite_NeverGrantsTwice_AndNeverLosesARevoke()
    {
        var (type, group) = await CompositeTypeAsync();
        var order = await _host.AddProvisionAsync(type, Ceo);

        _host.Crash.Arm();
        await FluentActions.Awaiting(() => _host.RunAsync(order)).Should().ThrowAsync<OperationCanceledException>();
        (await IsMemberAsync(group)).Should().BeTrue("the directory changed before the run died");
        (await _host.LedgerAsync()).Should().BeEmpty("the ledger rows rolled back with the run");

        (await _host.RunAsync(order)).Should().Be(OrderStatus.Provisioned);
        (await _host.RunAsync(order)).Should().Be(OrderStatus.Provisioned);
        var grant = (await _host.LedgerAsync()).Single();
        (grant.Action, grant.Outcome).Should().Be((AccessAction.Grant, "already a member"));

        var end = await _host.AddFollowUpAsync(order, OrderAction.Delete);
        _host.Crash.Arm();
        await FluentActions.Awaiting(() => _host.RunAsync(end)).Should().ThrowAsync<OperationCanceledException>();
        (await IsMemberAsync(group)).Should().BeFalse();
        (await _host.LedgerAsync()).Should().ContainSingle();

        (await _host.RunAsync(end)).Should().Be(OrderStatus.Revoked);
        var ledger = await _host.LedgerAsync();
        ledger.Select(r => (r.Action, r.Outcome)).Should().Equal((AccessAction.Grant, "already a member"), (AccessAction.Revoke, "was not a member"));
        AccessLedger.HeldBy(ledger.Select(r => r.ToEntry()), order).Should().BeEmpty();
        (await IsMemberAsync(group)).Should().BeFalse();
    }
}
