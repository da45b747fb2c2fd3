using System.DirectoryServices.Protocols;
using System.Net;
using System.Text.Json;
using IpSolis.Domain.Runbooks;
using IpSolis.Server.Features.Runbooks;
using IpSolis.Server.Tests.Infrastructure;
using IpSolis.Server.Tests.PersonDirectory.Ldap;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>
/// The directory steps for groups and computer accounts, each in a standalone runbook started through the API and
/// run by the host's workers against the real test slapd; the directory is read back with an LDAP search as the
/// rootdn. Every test works in an OU of its own.
/// </summary>
public sealed class DirectoryStepTests(DirectoryRunbookHost host) : IClassFixture<DirectoryRunbookHost>, IAsyncLifetime
{
    private const string Base = "dc=example,dc=com";
    private readonly string _ou = $"ou=computers-{Guid.NewGuid():N},{Base}";
    private readonly string _name = "PC-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private RunbookHost Runbooks => host.Runbooks;

    public Task InitializeAsync()
    {
        using var admin = host.Server.Admin();
        admin.SendRequest(new AddRequest(_ou, new DirectoryAttribute("objectClass", "organizationalUnit")));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        using var admin = host.Server.Admin();
        foreach (var entry in Search(admin, _ou, "(objectClass=*)", SearchScope.OneLevel))
            admin.SendRequest(new DeleteRequest(entry.DistinguishedName));
        admin.SendRequest(new DeleteRequest(_ou));
        return Task.CompletedTask;
    }

    private static object Step(string name, string module, object parameters, int retries = 0) =>
        new { name, module, parameters, retries, timeoutSeconds = 60, critical = true, alwaysRun = false, backoffSeconds = 0 };

    private async Task<(RunbookRun Run, List<RunbookRunStep> Steps)> RunAsync(long runbookId)
    {
        var response = await Runbooks.Api.PostAsync($"/api/v1/runbooks/{runbookId}/runs", null);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var run = await Runbooks.WaitForRunAsync((await AccessFixtures.JsonAsync(response)).GetProperty("id").GetInt64());
        return (run, await Runbooks.StepsAsync(run.Id));
    }

    private async Task<(RunbookRun Run, List<RunbookRunStep> Steps)> RunOnceAsync(params object[] steps) =>
        await RunAsync(await Runbooks.AddRunbookAsync(new { name = "Directory " + Guid.NewGuid().ToString("N")[..8], steps }));

    private static Dictionary<string, string> Outputs(RunbookRunStep step) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(step.OutputsJson)!;

    private static List<SearchResultEntry> Search(LdapConnection connection, string baseDn, string filter, SearchScope scope = SearchScope.Subtree, params string[] attributes)
    {
        try
        {
            var response = (SearchResponse)connection.SendRequest(new SearchRequest(baseDn, filter, scope, attributes));
            return response.Entries.Cast<SearchResultEntry>().ToList();
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.NoSuchObject)
        {
            return [];
        }
    }

    private SearchResultEntry? Computer(string name)
    {
        using var admin = host.Server.Admin();
        return Search(admin, Base, $"(&(objectClass=computer)(cn={name}))", SearchScope.Subtree, "*").SingleOrDefault();
    }

    private static string Text(SearchResultEntry entry, string attribute) => (string)entry.Attributes[attribute][0];

    private void AddComputer(string name, long flags)
    {
        using var admin = host.Server.Admin();
        admin.SendRequest(new AddRequest($"cn={name},{_ou}",
            new DirectoryAttribute("objectClass", "top", "device", "computer"), new DirectoryAttribute("cn", name), new DirectoryAttribute("sAMAccountName", name + "$"),
            new DirectoryAttribute("userAccountControl", flags.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task CreateComputer_InARunbook_AddsADisabledAccount_LaterStepsBindItsDn_AndAReRunCreatesNothing()
    {
        var id = await Runbooks.AddRunbookAsync(new
        {
            name = "Stage " + _name,
            steps = new[]
            {
                Step("create", "directory.create_computer", new { Name = _name, OuDn = _ou, Description = "staged by a test" }),
                Step("report", "core.log", new { Message = "account {{steps.create.dn}} created={{steps.create.created}}" }),
            },
        });

        var (run, steps) = await RunAsync(id);

        run.Status.Should().Be(RunbookRunStatus.Succeeded, run.Error);
        var dn = $"cn={_name},{_ou}";
        Outputs(steps[0]).Should().Contain(new Dictionary<string, string> { ["dn"] = dn, ["name"] = _name, ["created"] = "true" });
        steps[1].Log.Should().Contain($"account {dn} created=true");
        var entry = Computer(_name);
        entry.Should().NotBeNull();
        entry!.DistinguishedName.Should().BeEquivalentTo(dn);
        Text(entry, "sAMAccountName").Should().Be(_name + "$");
        Text(entry, "userAccountControl").Should().Be("4098", "a workstation trust account, disabled");
        Text(entry, "description").Should().Be("staged by a test");

        var (again, againSteps) = await RunAsync(id);

        again.Status.Should().Be(RunbookRunStatus.Succeeded, again.Error);
        Outputs(againSteps[0]).Should().Contain(new Dictionary<string, string> { ["dn"] = dn, ["created"] = "false" });
        againSteps[1].Log.Should().Contain("created=false");
        Computer(_name).Should().NotBeNull();

        // Neither the step records nor the audit trail carry the service account's password.
        var audit = await AccessFixtures.AuditAsync(Runbooks.Orders.Factory);
        audit.Should().ContainSingle(a => a.Action == "directory_computer.created" && a.EntityId == dn);
        var recorded = string.Join("\n", steps.Concat(againSteps).Select(s => s.Log + s.OutputsJson + s.Error)) + string.Join("\n", audit.Select(a => a.NewValues + a.OldValues));
        recorded.Should().NotContain(host.Server.Password);
    }

    [Fact]
    public async Task DisableComputer_ByNameAndOu_SetsAccountDisable_KeepsTheOtherFlags_AndAReRunChangesNothing()
    {
        const long dontExpirePassword = 0x10000;
        AddComputer(_name, dontExpirePassword | 0x1000);
        var id = await Runbooks.AddRunbookAsync(new { name = "Disable " + _name, steps = new[] { Step("disable", "directory.disable_computer", new { Name = _name, OuDn = _ou }) } });

        var (run, steps) = await RunAsync(id);

        run.Status.Should().Be(RunbookRunStatus.Succeeded, run.Error);
        Outputs(steps[0]).Should().Contain(new Dictionary<string, string> { ["dn"] = $"cn={_name},{_ou}", ["changed"] = "true" });
        Text(Computer(_name)!, "userAccountControl").Should().Be((dontExpirePassword | 0x1000 | 0x2).ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (again, againSteps) = await RunAsync(id);

        again.Status.Should().Be(RunbookRunStatus.Succeeded, again.Error);
        Outputs(againSteps[0])["changed"].Should().Be("false");
        Outputs(againSteps[0])["message"].Should().Contain("already disabled");
        Text(Computer(_name)!, "userAccountControl").Should().Be("69634");
    }

    [Fact]
    public async Task DeleteComputer_ByDn_RemovesTheAccount_AndAMissingAccountIsSuccessSayingSo()
    {
        AddComputer(_name, 0x1000);
        var dn = $"cn={_name},{_ou}";
        var id = await Runbooks.AddRunbookAsync(new { name = "Delete " + _name, steps = new[] { Step("delete", "directory.delete_computer", new { Dn = dn }) } });

        var (run, steps) = await RunAsync(id);

        run.Status.Should().Be(RunbookRunStatus.Succeeded, run.Error);
        Outputs(steps[0]).Should().Contain(new Dictionary<string, string> { ["dn"] = dn, ["deleted"] = "true" });
        Computer(_name).Should().BeNull();

        var (again, againSteps) = await RunAsync(id);

        again.Status.Should().Be(RunbookRunStatus.Succeeded, again.Error);
        Outputs(againSteps[0])["deleted"].Should().Be("false");
        Outputs(againSteps[0])["message"].Should().Contain("does not exist");
        (await AccessFixtures.AuditAsync(Runbooks.Orders.Factory)).Should().ContainSingle(a => a.Action == "directory_computer.deleted" && a.EntityId == dn);
    }

    [Fact]
    public async Task DeleteGroup_GroupWithDnMetacharactersCreatedEarlier_IsDeletedByItsEscapedDn_AndAReRunFindsItGone()
    {
        var name = $"evil,ou=services+x {Guid.NewGuid():N}";
        var (created, createdSteps) = await RunOnceAsync(Step("create", "directory.create_group", new { Name = name }));
        created.Status.Should().Be(RunbookRunStatus.Succeeded, created.Error);
        var dn = Outputs(createdSteps[0])["group"];
        dn.Should().StartWith(@"cn=evil\,ou\=services\+x ").And.EndWith(",ou=groups," + Base, "the name stays one RDN");

        var id = await Runbooks.AddRunbookAsync(new { name = "Delete group " + Guid.NewGuid().ToString("N")[..8], steps = new[] { Step("delete", "directory.delete_group", new { Group = dn }) } });
        var (run, steps) = await RunAsync(id);

        run.Status.Should().Be(RunbookRunStatus.Succeeded, run.Error);
        Outputs(steps[0]).Should().Contain(new Dictionary<string, string> { ["group"] = dn, ["deleted"] = "true" });
        using (var admin = host.Server.Admin())
            Search(admin, dn, "(objectClass=*)", SearchScope.Base).Should().BeEmpty();

        var (again, againSteps) = await RunAsync(id);

        again.Status.Should().Be(RunbookRunStatus.Succeeded, again.Error);
        Outputs(againSteps[0])["deleted"].Should().Be("false");
        Outputs(againSteps[0])["message"].Should().Contain("does not exist");
    }

    [Fact]
    public async Task DeleteSteps_PointedAtAPerson_AreRefused_AndThePersonStays()
    {
        var person = LdapTestServer.PersonDn("victoria.king");

        var (group, groupSteps) = await RunOnceAsync(Step("delete", "directory.delete_group", new { Group = person }));
        var (computer, computerSteps) = await RunOnceAsync(Step("delete", "directory.delete_computer", new { Dn = person }));
        var (disable, disableSteps) = await RunOnceAsync(Step("disable", "directory.disable_computer", new { Dn = person }));

        group.Status.Should().Be(RunbookRunStatus.Failed);
        groupSteps[0].Error.Should().Contain("is not a group");
        computer.Status.Should().Be(RunbookRunStatus.Failed);
        computerSteps[0].Error.Should().Contain("is not a computer account");
        disable.Status.Should().Be(RunbookRunStatus.Failed);
        disableSteps[0].Error.Should().Contain("is not a computer account");
        using var admin = host.Server.Admin();
        Search(admin, person, "(objectClass=inetOrgPerson)", SearchScope.Base, "userAccountControl").Should().ContainSingle();
    }

    [Fact]
    public async Task ComputerSteps_WithOpenLdapsDefaultClasses_CreateAndDeleteADevice_ButRefuseToDisable()
    {
        await LdapTestServer.ConfigureAsync(Runbooks.Orders.Factory, new Dictionary<string, string?> { [Integrations.Ldap.LdapSettings.ComputerObjectClasses.Key] = "" });
        try
        {
            var (run, steps) = await RunOnceAsync(
                Step("create", "directory.create_computer", new { Name = _name, OuDn = _ou }),
                Step("disable", "directory.disable_computer", new { Dn = "{{steps.create.dn}}" }));

            run.Status.Should().Be(RunbookRunStatus.Failed);
            steps[0].Status.Should().Be(RunbookStepStatus.Succeeded, steps[0].Error);
            steps[1].Error.Should().Contain("have no userAccountControl to disable").And.Contain("top,device");
            using (var admin = host.Server.Admin())
            {
                var entry = Search(admin, $"cn={_name},{_ou}", "(objectClass=device)", SearchScope.Base, "*").Should().ContainSingle().Subject;
                entry.Attributes.Contains("sAMAccountName").Should().BeFalse();
                entry.Attributes.Contains("userAccountControl").Should().BeFalse();
            }

            var (delete, _) = await RunOnceAsync(Step("delete", "directory.delete_computer", new { Name = _name, OuDn = _ou }));

            delete.Status.Should().Be(RunbookRunStatus.Succeeded, delete.Error);
            using (var admin = host.Server.Admin())
                Search(admin, $"cn={_name},{_ou}", "(objectClass=*)", SearchScope.Base).Should().BeEmpty();
        }
        finally
        {
            await LdapTestServer.ConfigureAsync(Runbooks.Orders.Factory,
                new Dictionary<string, string?> { [Integrations.Ldap.LdapSettings.ComputerObjectClasses.Key] = DirectoryRunbookHost.ComputerClasses });
        }
    }

    [Fact]
    public async Task CreateComputer_WhereAnEntryOfAnotherKindHasTheName_IsRefused_AndTheEntryStays()
    {
        using (var admin = host.Server.Admin())
            admin.SendRequest(new AddRequest($"cn={_name},{_ou}", new DirectoryAttribute("objectClass", "person"), new DirectoryAttribute("cn", _name), new DirectoryAttribute("sn", "x")));

        var (run, steps) = await RunOnceAsync(Step("create", "directory.create_computer", new { Name = _name, OuDn = _ou }));

        run.Status.Should().Be(RunbookRunStatus.Failed);
        steps[0].Error.Should().Contain("is taken by an entry that is not a computer account");
        using var check = host.Server.Admin();
        Search(check, $"cn={_name},{_ou}", "(objectClass=person)", SearchScope.Base).Should().ContainSingle();
    }

    [Theory]
    [InlineData("directory.create_computer", "{\"Name\":\"pc1,ou=services\",\"OuDn\":\"OU\"}", "computer name has 1–15 characters")]
    [InlineData("directory.create_computer", "{\"Name\":\"*\",\"OuDn\":\"OU\"}", "computer name has 1–15 characters")]
    [InlineData("directory.create_computer", "{\"Name\":\"PC-TOO-LONG-NAME-1\",\"OuDn\":\"OU\"}", "computer name has 1–15 characters")]
    [InlineData("directory.create_computer", "{\"Name\":\"PC-1\",\"OuDn\":\"computers\"}", "OuDn must be the DN of an OU")]
    [InlineData("directory.create_computer", "{\"Name\":\"PC-1\",\"OuDn\":\"ou=no-such-ou,dc=example,dc=com\"}", "does not exist in the directory")]
    [InlineData("directory.disable_computer", "{\"Dn\":\"cn=PC-1,OU\",\"Name\":\"PC-1\",\"OuDn\":\"OU\"}", "either Dn, or Name and OuDn")]
    [InlineData("directory.disable_computer", "{\"Name\":\"PC-1*\",\"OuDn\":\"OU\"}", "computer name has 1–15 characters")]
    [InlineData("directory.disable_computer", "{\"Name\":\"PC-1\",\"OuDn\":\"OU\"}", "There is no computer account at cn=PC-1,")]
    [InlineData("directory.delete_computer", "{}", "Give the computer account's Dn, or its Name and OuDn")]
    [InlineData("directory.delete_computer", "{\"Dn\":\"PC-1\"}", "Dn must be the DN of a computer account")]
    [InlineData("directory.delete_group", "{\"Group\":\"app-users\"}", "Group must be the DN of the group to delete")]
    public async Task BadParameters_AreRefusedWithASpecificError_AndNothingChanges(string module, string parameters, string error)
    {
        using (var admin = host.Server.Admin())
        {
            // An existing computer elsewhere must survive every refused step.
            admin.SendRequest(new AddRequest($"cn=PC-1,{_ou}", new DirectoryAttribute("objectClass", "top", "device", "computer"), new DirectoryAttribute("cn", "PC-1"),
                new DirectoryAttribute("userAccountControl", "4096")));
        }

        // OU stands for an OU without that computer (and, for a create, without any entry at all).
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(parameters.Replace("OU", "ou=nowhere," + Base, StringComparison.Ordinal))!;
        var before = Snapshot();

        var (run, steps) = await RunOnceAsync(Step("bad", module, values));

        run.Status.Should().Be(RunbookRunStatus.Failed);
        steps[0].Error.Should().Contain(error);
        Snapshot().Should().Equal(before);
    }

    /// <summary>
    /// This test's OU with every userAccountControl, and anything anywhere an injected name could have made (other
    /// test classes change the rest of the directory meanwhile), to show a refused step changed nothing.
    /// </summary>
    private List<string> Snapshot()
    {
        using var admin = host.Server.Admin();
        return Search(admin, _ou, "(objectClass=*)", SearchScope.Subtree, "userAccountControl")
            .Concat(Search(admin, Base, @"(|(cn=pc1*)(cn=\2a)(ou=nowhere)(cn=PC-TOO*))", SearchScope.Subtree, "userAccountControl"))
            .Select(e => e.DistinguishedName + "=" + (e.Attributes["userAccountControl"] is { Count: > 0 } v ? (string)v[0] : ""))
            .Order(StringComparer.Ordinal).ToList();
    }
}
