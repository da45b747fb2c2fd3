using IpSolis.Domain.AccessTargets;

namespace IpSolis.Domain.Tests.AccessTargets;

public sealed class GroupTargetRulesTests
{
    private static GroupTarget Target(string group, PrincipalSource source = PrincipalSource.Requester) => new(group, source);

    [Theory]
    [InlineData("CN=VDI-{asset_name}-Users,OU=Groups,DC=example,DC=com")]
    [InlineData("cn=app-crm-users,ou=groups,dc=example,dc=com")]
    [InlineData("cn={asset_name},ou=groups,dc=example,dc=com")]
    [InlineData("app-crm-users")]
    [InlineData("VDI {asset_name} users")]
    public void Check_AcceptsDnsAndLocalNames(string group) =>
        GroupTargetRules.Check([Target(group)]).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData("", "group_target.group_required")]
    [InlineData("   ", "group_target.group_required")]
    [InlineData("CN=x,OU={owner},DC=example", "group_target.placeholder_unknown")]
    [InlineData("app-{asset}", "group_target.placeholder_unknown")]
    [InlineData("CN=x,,DC=example", "group_target.dn_invalid")]
    [InlineData("CN=x,=y", "group_target.dn_invalid")]
    [InlineData("{asset_name}=x,DC=example", "group_target.dn_invalid")]
    [InlineData(@"CN=x\", "group_target.dn_invalid")]
    [InlineData("CN=a\u0001b,DC=example", "group_target.group_invalid")]
    public void Check_RefusesBadGroups_WithTheFieldNamed(string group, string code)
    {
        var result = GroupTargetRules.Check([Target("cn=ok,dc=example"), Target(group)]);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == code && e.Field == "groupTargets[1].groupDn");
    }

    [Fact]
    public void Check_RefusesATooLongGroup() =>
        GroupTargetRules.Check([Target("cn=" + new string('a', 500))]).Errors.Should().ContainSingle(e => e.Code == "group_target.group_invalid");

    [Fact]
    public void Check_RefusesTheSameGroupTwiceForTheSamePeople_ButNotForOthers()
    {
        GroupTargetRules.Check([Target("cn=a,dc=x"), Target(" CN=A,DC=X ")]).Errors.Should().ContainSingle(e => e.Code == "group_target.duplicate");
        GroupTargetRules.Check([Target("cn=a,dc=x"), Target("cn=a,dc=x", PrincipalSource.RdpUsers)]).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Check_TrimsTheGroups() =>
        GroupTargetRules.Check([Target("  cn=a,dc=x ")]).Value.Single().GroupDn.Should().Be("cn=a,dc=x");

    [Fact]
    public void Check_RefusesMoreThanTheMaximum() =>
        GroupTargetRules.Check(Enumerable.Range(0, 21).Select(i => Target($"cn=g{i},dc=x")).ToList()).Errors.Should().ContainSingle(e => e.Code == "group_target.too_many");

    [Fact]
    public void Check_OfNothing_IsEmpty() => GroupTargetRules.Check(null).Value.Should().BeEmpty();

    [Theory]
    [InlineData("PC01", "CN=VDI-PC01-Users,OU=Groups,DC=example,DC=com")]
    [InlineData("x,OU=Admins", @"CN=VDI-x\,OU\=Admins-Users,OU=Groups,DC=example,DC=com")]
    [InlineData("#1+2", @"CN=VDI-\#1\+2-Users,OU=Groups,DC=example,DC=com")]
    public void GroupFor_SubstitutesTheEscapedAssetName(string asset, string expected) =>
        GroupTargetRules.GroupFor(Target("CN=VDI-{asset_name}-Users,OU=Groups,DC=example,DC=com"), asset).Value.Should().Be(expected);

    [Fact]
    public void GroupFor_EscapesALeadingHashAndSpaces_WhenTheNameIsTheWholeValue() =>
        GroupTargetRules.GroupFor(Target("cn={asset_name},dc=x"), "#a ").Value.Should().Be(@"cn=\#a\ ,dc=x");

    [Fact]
    public void GroupFor_ALocalName_TakesTheNameAsItIs() =>
        GroupTargetRules.GroupFor(Target("VDI {asset_name} users"), "a,b").Value.Should().Be("VDI a,b users");

    [Fact]
    public void GroupFor_WithoutPlaceholder_NeedsNoAsset() =>
        GroupTargetRules.GroupFor(Target("cn=crm,dc=x"), null).Value.Should().Be("cn=crm,dc=x");

    [Fact]
    public void GroupFor_WithPlaceholderButNoAsset_Fails() =>
        GroupTargetRules.GroupFor(Target("cn={asset_name},dc=x"), " ").Errors.Should().ContainSingle(e => e.Code == "group_target.asset_name_missing");

    [Theory]
    [InlineData(PrincipalSource.Requester, "ann@example.com")]
    [InlineData(PrincipalSource.RdpUsers, "bob@example.com,carl")]
    [InlineData(PrincipalSource.AdminUsers, "dora@example.com,ann@example.com")]
    [InlineData(PrincipalSource.All, "ann@example.com,bob@example.com,carl,dora@example.com")]
    public void Principals_FollowTheSource_LowerCaseAndEachOnce(PrincipalSource source, string expected) =>
        GroupTargetRules.Principals(source, " Ann@Example.com ", ["bob@example.com", "CARL", ""], ["dora@example.com", "ann@example.com"])
            .Should().Equal(expected.Split(','));

    [Fact]
    public void Principals_WithoutLists_NameOnlyTheRequester()
    {
        GroupTargetRules.Principals(PrincipalSource.RdpUsers, "ann@example.com", null, null).Should().BeEmpty();
        GroupTargetRules.Principals(PrincipalSource.All, "ann@example.com", null, null).Should().Equal("ann@example.com");
        GroupTargetRules.Principals(PrincipalSource.Requester, null, null, null).Should().BeEmpty();
    }
}
