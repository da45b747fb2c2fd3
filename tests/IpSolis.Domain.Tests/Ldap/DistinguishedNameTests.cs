using IpSolis.Domain.Ldap;

namespace IpSolis.Domain.Tests.Ldap;

public sealed class DistinguishedNameTests
{
    [Theory]
    [InlineData("Sales", "Sales")]
    [InlineData("R&D, Europe+Asia", @"R&D\, Europe\+Asia")]
    [InlineData("#1 team", @"\#1 team")]
    [InlineData(" padded ", @"\ padded\ ")]
    [InlineData("a=b;c<d>\"e\\", @"a\=b\;c\<d\>\""e\\")]
    [InlineData("nul\0", @"nul\00")]
    public void EscapeValue_EscapesEveryRfc4514Special(string value, string expected) =>
        DistinguishedName.EscapeValue(value).Should().Be(expected);

    [Fact]
    public void Child_WithACommaInTheName_StaysOneRdnUnderTheGivenParent()
    {
        var dn = DistinguishedName.Child("cn", "evil,ou=admins", "ou=groups,dc=example,dc=com");

        dn.Should().Be(@"cn=evil\,ou\=admins,ou=groups,dc=example,dc=com");
        dn.Should().EndWith(",ou=groups,dc=example,dc=com");
    }

    [Theory]
    [InlineData("cn=app-crm-users,ou=groups,dc=example,dc=com", true)]
    [InlineData(@"cn=R&D\, Europe,ou=groups,dc=example,dc=com", true)]
    [InlineData("cn=a+sn=b,dc=example", true)]
    [InlineData("app-crm-users", false)]
    [InlineData("Sales, Europe", false)]
    [InlineData(@"cn=dangling\", false)]
    [InlineData("", false)]
    public void LooksLikeDn_TellsADnFromAName(string text, bool expected) =>
        DistinguishedName.LooksLikeDn(text).Should().Be(expected);

    [Fact]
    public void MembershipExpansion_StopsAtTheDepthAndGroupBounds()
    {
        MembershipExpansion.MayExpand(0, 0).Should().BeTrue();
        MembershipExpansion.MayExpand(MembershipExpansion.MaximumDepth, 1).Should().BeFalse();
        MembershipExpansion.MayExpand(1, MembershipExpansion.MaximumGroups).Should().BeFalse();
    }
}
