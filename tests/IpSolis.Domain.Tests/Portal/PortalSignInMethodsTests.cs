using IpSolis.Domain.Portal;

namespace IpSolis.Domain.Tests.Portal;

public sealed class PortalSignInMethodsTests
{
    [Fact]
    public void Parse_ReadsAListInAnyCase()
    {
        var methods = PortalSignInMethods.Parse("Local, OIDC", production: true).Value;
        methods.Should().Be(new PortalSignInMethods(true, false, true, false));
        methods.PasswordForm.Should().BeTrue();
        methods.ToString().Should().Be("local,oidc");
    }

    [Fact]
    public void Parse_RefusesAnonymousInProduction()
    {
        PortalSignInMethods.Parse("anonymous", production: true).Errors.Should().ContainSingle(e => e.Code == "portal.sign_in_methods.anonymous");
        PortalSignInMethods.Parse("anonymous", production: false).Value.Anonymous.Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("saml")]
    public void Parse_RefusesEmptyOrUnknownMethods(string text) =>
        PortalSignInMethods.Parse(text, production: false).Succeeded.Should().BeFalse();
}
