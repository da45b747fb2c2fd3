using IpSolis.Domain.Portal;

namespace IpSolis.Domain.Tests.Portal;

public sealed class EmailDomainAllowListTests
{
    [Fact]
    public void Blank_AllowsAnyAddress()
    {
        var list = EmailDomainAllowList.Parse(" ").Value;
        list.AllowsAny.Should().BeTrue();
        list.Allows("someone@anywhere.test").Should().BeTrue();
    }

    [Fact]
    public void Allows_TheDomainAndItsSubdomains_ButNotLookalikes()
    {
        var list = EmailDomainAllowList.Parse("example.com, @Partner.TEST").Value;
        list.Domains.Should().Equal("example.com", "partner.test");
        list.Allows("alice@example.com").Should().BeTrue();
        list.Allows("ALICE@EXAMPLE.COM").Should().BeTrue();
        list.Allows("max@de.example.com").Should().BeTrue();
        list.Allows("p@partner.test").Should().BeTrue();
        list.Allows("mallory@badexample.com").Should().BeFalse();
        list.Allows("mallory@example.com.evil.test").Should().BeFalse();
        list.Allows("bob@elsewhere.test").Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("trailing@")]
    [InlineData("@example.com")]
    public void Allows_NeverAnAddressThatIsNotOne(string? email) =>
        EmailDomainAllowList.Parse("example.com").Value.Allows(email).Should().BeFalse();

    [Theory]
    [InlineData("localhost")]
    [InlineData("exa mple.com,*.example.com")]
    [InlineData("-bad.example.com")]
    public void Parse_RefusesWhatIsNotADomain(string text) =>
        EmailDomainAllowList.Parse(text).Succeeded.Should().BeFalse();
}
