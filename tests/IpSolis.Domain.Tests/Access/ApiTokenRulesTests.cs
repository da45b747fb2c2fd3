using IpSolis.Domain.Access;

namespace IpSolis.Domain.Tests.Access;

public sealed class ApiTokenRulesTests
{
    [Fact]
    public void ARoleLessToken_GetsItsCreatorsRole() =>
        ApiTokenMinting.TokenRole(AdminRole.Admin, requested: null).Value.Should().Be(AdminRole.Admin);

    [Fact]
    public void ATokenCannotOutrankItsCreator()
    {
        ApiTokenMinting.TokenRole(AdminRole.Admin, AdminRole.Superadmin).Errors.Single().Code.Should().Be("api_token.role_above_creator");
        ApiTokenMinting.TokenRole(AdminRole.Admin, AdminRole.Auditor).Value.Should().Be(AdminRole.Auditor);
        ApiTokenMinting.TokenRole(AdminRole.Admin, AdminRole.Admin).Value.Should().Be(AdminRole.Admin);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3650, true)]
    [InlineData(3651, false)]
    public void Expiry_IsOneToTenYears(int days, bool accepted) =>
        (ApiTokenMinting.CheckExpiry(days) is null).Should().Be(accepted);

    [Fact]
    public void Scopes_AreValidated_Deduplicated_AndDefaultToAll()
    {
        ApiTokenScopes.Normalize(null).Value.Should().Equal(ApiTokenScopes.All);
        ApiTokenScopes.Normalize(["audit:read", "Orders:Read", "audit:read"]).Value.Should().Equal("orders:read", "audit:read");
        ApiTokenScopes.Normalize(["root:*"]).Errors.Single().Code.Should().Be("api_token.unknown_scope");
    }

    [Fact]
    public void TheAllScope_AllowsEverything_OthersOnlyThemselves()
    {
        ApiTokenScopes.Allows([ApiTokenScopes.All], "config:write").Should().BeTrue();
        ApiTokenScopes.Allows(["config:read"], "config:write").Should().BeFalse();
        ApiTokenScopes.Allows(["config:read"], "config:read").Should().BeTrue();
    }

    [Fact]
    public void RolesParseInTheProductsWords_AndTheLadderIsOrdered()
    {
        AdminRoles.TryParse("Superadmin", out var role).Should().BeTrue();
        role.Should().Be(AdminRole.Superadmin);
        AdminRoles.TryParse("root", out _).Should().BeFalse();
        AdminRoles.Name(AdminRole.Helpdesk).Should().Be("helpdesk");
        AdminRoles.Lower(AdminRole.Admin, AdminRole.Auditor).Should().Be(AdminRole.Auditor);
    }
}
