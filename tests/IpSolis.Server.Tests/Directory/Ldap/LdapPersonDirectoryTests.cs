using IpSolis.Server.Features.Directory;
using IpSolis.Server.Platform.Audit;

namespace IpSolis.Server.Tests.PersonDirectory.Ldap;

/// <summary>Person lookups, managers, reports, chargeback attributes and transitive membership against the test slapd.</summary>
public sealed class LdapPersonDirectoryTests(LdapHost host) : IClassFixture<LdapHost>
{
    private const string Ceo = "victoria.king@example.com";

    [Theory]
    [InlineData("victoria.king@example.com")]
    [InlineData("Victoria.King@EXAMPLE.com")]
    [InlineData("victoria.king")]
    [InlineData("EXAMPLE\\victoria.king")]
    public async Task FindPerson_ByEmailUsernameOrDomainLogin_ReturnsThePersonWithChargebackAttributes(string login)
    {
        var person = await host.People.FindPersonAsync(login, CancellationToken.None);

        person.Should().NotBeNull();
        person!.Email.Should().Be(Ceo);
        person.DisplayName.Should().Be("Victoria King");
        person.Username.Should().Be("victoria.king");
        person.Department.Should().Be("Executive");
        person.CostCenter.Should().Be("CC-0001");
        person.Company.Should().Be("Example Corp");
        person.EmployeeId.Should().Be("E00001");
        person.Title.Should().Be("Chief Executive Officer");
        person.IsActive.Should().BeTrue();
        person.ManagerEmail.Should().BeNull();
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*)(uid=*")]
    [InlineData(")(|(objectClass=*)")]
    [InlineData("\0")]
    [InlineData("victoria*")]
    [InlineData("*@example.com")]
    [InlineData("zz*")]
    [InlineData("x)(uid=zz.target")]
    public async Task FindPerson_WithAnInjectionPayload_FindsNobody(string payload)
    {
        var person = await host.People.FindPersonAsync(payload, CancellationToken.None);

        person.Should().BeNull();
    }

    [Theory]
    [InlineData("star*user", "star*user@example.com")]
    [InlineData("comma,plus+user", "comma,plus+user@example.com")]
    public async Task FindPerson_WhoseNameHoldsMetacharacters_IsFoundLiterally(string login, string email)
    {
        var person = await host.People.FindPersonAsync(login, CancellationToken.None);

        person!.Email.Should().Be(email);
    }

    [Fact]
    public async Task FindManager_WalksFourManagementLevelsUpToTheCeo()
    {
        var reports = await host.People.DirectReportsAsync(Ceo, CancellationToken.None);
        var vp = reports[0];
        var lead = (await host.People.DirectReportsAsync(vp.Email, CancellationToken.None))[0];
        var employee = (await host.People.DirectReportsAsync(lead.Email, CancellationToken.None)).First(p => p.Email != lead.Email);

        (await host.People.FindManagerAsync(employee.Email, CancellationToken.None))!.Email.Should().Be(lead.Email);
        (await host.People.FindManagerAsync(lead.Email, CancellationToken.None))!.Email.Should().Be(vp.Email);
        (await host.People.FindManagerAsync(vp.Email, CancellationToken.None))!.Email.Should().Be(Ceo);
        (await host.People.FindManagerAsync(Ceo, CancellationToken.None)).Should().BeNull();
        (await host.People.FindPersonAsync(employee.Email, CancellationToken.None))!.ManagerEmail.Should().Be(lead.Email);
    }

    [Fact]
    public async Task DirectReports_OfTheCeo_AreTheFiveVicePresidents_EachWithFourTeamLeads()
    {
        var vps = await host.People.DirectReportsAsync(Ceo, CancellationToken.None);

        vps.Should().HaveCount(5).And.OnlyContain(p => p.Title!.StartsWith("Vice President") && p.ManagerEmail == Ceo);
        foreach (var vp in vps)
            (await host.People.DirectReportsAsync(vp.Email, CancellationToken.None)).Should().HaveCount(4);
    }

    [Theory]
    [InlineData("team-sales-1", true)]
    [InlineData("dept-sales", true)]
    [InlineData("all-staff", true)]
    [InlineData("app-crm-users", true)]
    [InlineData("cn=app-crm-users,ou=groups,dc=example,dc=com", true)]
    [InlineData("CN=App-CRM-Users, OU=Groups, DC=example, DC=com", true)]
    [InlineData("app-erp-users", false)]
    [InlineData("team-sales-2", false)]
    [InlineData("no-such-group", false)]
    [InlineData("*", false)]
    [InlineData("*)(cn=*", false)]
    public async Task IsMember_FollowsNestedGroups(string group, bool expected)
    {
        // star*user sits in team-sales-1, which is in dept-sales, which is in all-staff and app-crm-users.
        var member = await host.People.IsMemberAsync("star*user@example.com", group, CancellationToken.None);

        member.Should().Be(expected);
    }

    [Fact]
    public async Task IsMember_ThroughAMembershipCycle_Terminates()
    {
        var lead = await LeadOfTeamAsync(5);

        (await host.People.IsMemberAsync(lead, "cycle-a", CancellationToken.None)).Should().BeTrue();
        (await host.People.IsMemberAsync(lead, "cycle-b", CancellationToken.None)).Should().BeTrue();
    }

    [Fact]
    public async Task IsMember_DeeperThanTheExpansionBound_IsNotMembership()
    {
        var lead = await LeadOfTeamAsync(12);

        // team-operations-1 is nested 14 groups deep; the bound follows ten levels above the person.
        (await host.People.IsMemberAsync(lead, "deep-09", CancellationToken.None)).Should().BeTrue();
        (await host.People.IsMemberAsync(lead, "deep-12", CancellationToken.None)).Should().BeFalse();
    }

    [Fact]
    public async Task DisabledAccount_IsFoundAsInactive()
    {
        var person = await host.People.FindPersonAsync("dora.disabled", CancellationToken.None);

        person!.IsActive.Should().BeFalse();
    }

    [Fact]
    public async Task CreateGroup_WithDnMetacharactersInTheName_MakesOneEscapedRdn_AndMembershipChangesAreIdempotentAndAudited()
    {
        var name = $"R&D, Europe+Asia #{Guid.NewGuid():N}";
        var actor = AuditActor.System("test");

        var created = await host.Groups.CreateGroupAsync(actor, name, "made by a test", CancellationToken.None);

        created.Succeeded.Should().BeTrue();
        created.Value.Should().StartWith(@"cn=R&D\, Europe\+Asia #").And.EndWith(",ou=groups,dc=example,dc=com");
        (await host.Groups.CreateGroupAsync(actor, name, null, CancellationToken.None)).Value.Should().Be(created.Value);
        (await host.Groups.AddMemberAsync(actor, name, Ceo, CancellationToken.None)).Value.Should().BeTrue();
        (await host.Groups.AddMemberAsync(actor, name, Ceo, CancellationToken.None)).Value.Should().BeFalse();
        (await host.People.IsMemberAsync(Ceo, created.Value, CancellationToken.None)).Should().BeTrue();
        (await host.Groups.RemoveMemberAsync(actor, name, Ceo, CancellationToken.None)).Value.Should().BeTrue();
        (await host.Groups.RemoveMemberAsync(actor, name, Ceo, CancellationToken.None)).Value.Should().BeFalse();
        (await host.People.IsMemberAsync(Ceo, name, CancellationToken.None)).Should().BeFalse();

        var audit = await Infrastructure.AccessFixtures.AuditAsync(host.Factory);
        audit.Select(a => a.Action).Should().Contain(["directory_group.created", "directory_group.member_added", "directory_group.member_removed"]);
    }

    [Fact]
    public async Task AddMember_ToAGroupOrPersonThatDoesNotExist_IsATypedError()
    {
        var actor = AuditActor.System("test");

        (await host.Groups.AddMemberAsync(actor, "no-such-group", Ceo, CancellationToken.None)).Errors.Single().Code.Should().Be("directory_group.not_found");
        (await host.Groups.AddMemberAsync(actor, "empty-app", "*", CancellationToken.None)).Errors.Single().Code.Should().Be("directory_person.not_found");
    }

    private async Task<string> LeadOfTeamAsync(int team)
    {
        // Teams are numbered across departments in fixture order: department d has teams 4d+1..4d+4.
        var vps = await host.People.DirectReportsAsync(Ceo, CancellationToken.None);
        var department = new[] { "Sales", "Engineering", "Finance", "Operations", "Marketing" }[team / 4];
        var vp = vps.Single(p => p.Department == department);
        var leads = await host.People.DirectReportsAsync(vp.Email, CancellationToken.None);
        foreach (var lead in leads)
        {
            if (await host.People.IsMemberAsync(lead.Email, $"team-{department.ToLowerInvariant()}-{team % 4 + 1}", CancellationToken.None))
                return lead.Email;
        }

        throw new InvalidOperationException($"No lead found for team {team}.");
    }
}
