using IpSolis.Domain.Ldap;

namespace IpSolis.Domain.Tests.Ldap;

public sealed class LdapFilterTests
{
    [Theory]
    [InlineData("anna@example.com", "anna@example.com")]
    [InlineData("*", @"\2a")]
    [InlineData("*)(uid=*", @"\2a\29\28uid=\2a")]
    [InlineData(")(|(objectClass=*)", @"\29\28|\28objectClass=\2a\29")]
    [InlineData("a\0b", @"a\00b")]
    [InlineData(@"back\slash", @"back\5cslash")]
    [InlineData("Jürgen", @"J\c3\bcrgen")]
    [InlineData("line\nbreak", @"line\0abreak")]
    public void Escape_TurnsEveryFilterMetacharacterIntoAnEscapedOctet(string value, string expected) =>
        LdapFilter.Escape(value).Should().Be(expected);

    [Theory]
    [InlineData("*)(uid=*")]
    [InlineData(")(|(objectClass=*)")]
    [InlineData("\0")]
    [InlineData("x)(&")]
    [InlineData("admin*")]
    public void Equal_WithAnInjectionPayload_StaysOneEqualityAssertionWithoutWildcards(string payload)
    {
        var filter = LdapFilter.Equal("uid", payload);

        LdapFilter.IsWellFormed(filter).Should().BeTrue();
        filter.Should().StartWith("(uid=").And.EndWith(")");
        // The payload survives only as escaped octets: no raw parenthesis, asterisk or NUL inside the assertion.
        filter[5..^1].Should().NotContainAny("(", ")", "*", "\0");
    }

    [Fact]
    public void Or_And_Nest_BuiltFilters()
    {
        var filter = LdapFilter.And("(objectClass=person)", LdapFilter.Or(LdapFilter.Equal("mail", "a@b.c"), LdapFilter.Equal("uid", "a*")));

        filter.Should().Be(@"(&(objectClass=person)(|(mail=a@b.c)(uid=a\2a)))");
        LdapFilter.IsWellFormed(filter).Should().BeTrue();
    }

    [Fact]
    public void Matching_BuildsTheInChainAssertionWithTheDnEscaped() =>
        LdapFilter.Matching("memberOf", LdapFilter.InChainRule, "cn=App (EU)*,dc=example,dc=com")
            .Should().Be(@"(memberOf:1.2.840.113556.1.4.1941:=cn=App \28EU\29\2a,dc=example,dc=com)");

    [Theory]
    [InlineData("mail", true)]
    [InlineData("extensionAttribute1", true)]
    [InlineData("userCertificate;binary", true)]
    [InlineData("2.5.4.3", true)]
    [InlineData("mail)(uid=*", false)]
    [InlineData("ma il", false)]
    [InlineData("", false)]
    [InlineData("1mail", false)]
    public void IsAttributeName_AcceptsOnlyRfc4512Descriptions(string name, bool expected) =>
        LdapFilter.IsAttributeName(name).Should().Be(expected);

    [Fact]
    public void Equal_RefusesAnAttributeNameThatWouldInjectStructure() =>
        FluentActions.Invoking(() => LdapFilter.Equal("uid=*)(cn", "x")).Should().Throw<ArgumentException>();

    [Theory]
    [InlineData("(objectClass=person)", true)]
    [InlineData("(&(objectClass=person)(!(uid=x\\2a)))", true)]
    [InlineData("(objectClass=person))(uid=*", false)]
    [InlineData("objectClass=person", false)]
    [InlineData("(uid=\\zz)", false)]
    [InlineData("(a=b)(c=d)", false)]
    public void IsWellFormed_TellsOneBalancedFilterFromAnythingElse(string filter, bool expected) =>
        LdapFilter.IsWellFormed(filter).Should().Be(expected);
}
