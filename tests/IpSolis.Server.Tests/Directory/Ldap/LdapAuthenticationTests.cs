using IpSolis.Server.Features.Directory;

namespace IpSolis.Server.Tests.PersonDirectory.Ldap;

/// <summary>Checking a person's password by binding as them, found first with the service account.</summary>
public sealed class LdapAuthenticationTests(LdapHost host) : IClassFixture<LdapHost>
{
    [Theory]
    [InlineData("victoria.king")]
    [InlineData("victoria.king@example.com")]
    [InlineData("EXAMPLE\\victoria.king")]
    public async Task TheRightPassword_Authenticates(string login)
    {
        var result = await host.Authentication.AuthenticateAsync(login, LdapTestServer.PeoplePassword, CancellationToken.None);

        result.Result.Should().Be(DirectoryAuthenticationResult.Authenticated);
        result.Person!.Email.Should().Be("victoria.king@example.com");
    }

    [Theory]
    [InlineData("victoria.king", "wrong", "wrong_password")]
    [InlineData("victoria.king", "", "empty_password")]
    [InlineData("nobody.here", LdapTestServer.PeoplePassword, "unknown_user")]
    [InlineData("*", LdapTestServer.PeoplePassword, "unknown_user")]
    [InlineData("*)(uid=*", LdapTestServer.PeoplePassword, "unknown_user")]
    [InlineData(")(|(objectClass=*)", LdapTestServer.PeoplePassword, "unknown_user")]
    [InlineData("\0", LdapTestServer.PeoplePassword, "unknown_user")]
    [InlineData("uid=victoria.king,ou=people,dc=example,dc=com", LdapTestServer.PeoplePassword, "unknown_user")]
    public async Task AWrongPasswordUnknownLoginOrInjectionPayload_IsRefused(string login, string password, string reason)
    {
        var result = await host.Authentication.AuthenticateAsync(login, password, CancellationToken.None);

        result.Result.Should().Be(DirectoryAuthenticationResult.Wrong);
        result.Reason.Should().Be(reason);
    }

    [Fact]
    public async Task ADisabledAccount_WithTheRightPassword_IsDisabled_AndWithAWrongOne_IsJustWrong()
    {
        (await host.Authentication.AuthenticateAsync("dora.disabled", LdapTestServer.PeoplePassword, CancellationToken.None))
            .Result.Should().Be(DirectoryAuthenticationResult.Disabled);
        (await host.Authentication.AuthenticateAsync("dora.disabled", "wrong", CancellationToken.None))
            .Result.Should().Be(DirectoryAuthenticationResult.Wrong);
    }
}
