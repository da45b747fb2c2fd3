using IpSolis.Domain.Portal;

namespace IpSolis.Domain.Tests.Portal;

public sealed class OidcIssuerTests
{
    private const string Tenant = "9188040d-6c67-4c5b-b112-36a304b66dad";
    private const string EntraTemplate = "https://login.microsoftonline.com/{tenantid}/v2.0";

    [Theory]
    [InlineData("https://login.microsoftonline.com/contoso/v2.0/", "https://login.microsoftonline.com/contoso/v2.0")]
    [InlineData("  https://idp.example.com  ", "https://idp.example.com")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000")]
    public void Normalize_StripsTrailingSlashAndSpace(string input, string stored) =>
        OidcIssuer.Normalize(input).Value.Should().Be(stored);

    [Theory]
    [InlineData("")]
    [InlineData("idp.example.com")]
    [InlineData("ftp://idp.example.com")]
    [InlineData("http://idp.example.com")]
    [InlineData("https://idp.example.com/?tenant=x")]
    [InlineData("https://user:pw@idp.example.com")]
    public void Normalize_RefusesWhatIsNotAnHttpsIssuer(string input) =>
        OidcIssuer.Normalize(input).Succeeded.Should().BeFalse();

    [Fact]
    public void Matches_IsExactAndCaseSensitive()
    {
        OidcIssuer.Matches("https://idp.example.com", "https://idp.example.com", null).Should().BeTrue();
        OidcIssuer.Matches("https://idp.example.com", "https://idp.example.com/", null).Should().BeFalse();
        OidcIssuer.Matches("https://idp.example.com", "https://IDP.example.com", null).Should().BeFalse();
        OidcIssuer.Matches("https://idp.example.com", null, null).Should().BeFalse();
    }

    [Fact]
    public void Matches_EntraTemplate_AcceptsTheTokensOwnTenant() =>
        OidcIssuer.Matches(EntraTemplate, $"https://login.microsoftonline.com/{Tenant}/v2.0", Tenant).Should().BeTrue();

    [Fact]
    public void Matches_EntraTemplate_RefusesAnIssuerOfAnotherTenantThanTid() =>
        OidcIssuer.Matches(EntraTemplate, $"https://login.microsoftonline.com/{Tenant}/v2.0", "00000000-0000-0000-0000-000000000001").Should().BeFalse();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../evil")]
    [InlineData("contoso.onmicrosoft.com")]
    public void Matches_EntraTemplate_RefusesATidThatIsNotAGuid(string? tid) =>
        OidcIssuer.Matches(EntraTemplate, $"https://login.microsoftonline.com/{tid}/v2.0", tid).Should().BeFalse();

    [Fact]
    public void Matches_EntraTemplate_RefusesAnotherHost() =>
        OidcIssuer.Matches(EntraTemplate, $"https://evil.example/{Tenant}/v2.0", Tenant).Should().BeFalse();

    [Theory]
    [InlineData("https://login.microsoftonline.com/common/v2.0")]
    [InlineData("https://login.microsoftonline.com/organizations/v2.0")]
    public void DiscoveryMatches_AcceptsEntraTemplateForMultiTenantAuthorities(string configured) =>
        OidcIssuer.DiscoveryMatches(configured, EntraTemplate).Should().BeTrue();

    [Fact]
    public void DiscoveryMatches_RefusesADifferentIssuer()
    {
        OidcIssuer.DiscoveryMatches("https://idp.example.com", "https://other.example.com").Should().BeFalse();
        OidcIssuer.DiscoveryMatches($"https://login.microsoftonline.com/{Tenant}/v2.0", EntraTemplate).Should().BeFalse();
        OidcIssuer.DiscoveryMatches("https://idp.example.com", "https://idp.example.com/").Should().BeTrue();
    }
}
