using System.Security.Claims;
using IpSolis.Domain.Access;
using IpSolis.Server.Features.Catalog;
using IpSolis.Server.Platform.Security;
using IpSolis.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IpSolis.Server.Tests.Catalog;

public sealed class AssetTypeScopesTests(CatalogHost host) : IClassFixture<CatalogHost>
{
    private async Task<AssetTypeScope> ScopeOfAsync(AdminIdentity identity)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AssetTypeScopes>().ForAsync(identity.ToPrincipal("test"), CancellationToken.None);
    }

    private async Task<(AdminUser User, long TypeId)> AccountWithGrantAsync(AdminRole role)
    {
        var typeId = (await host.CreateAsync(CatalogHost.PooledBody(CatalogHost.Unique("Scoped")))).GetProperty("id").GetInt64();
        var user = await AccessFixtures.AddUserAsync(host.Factory, $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}", role);
        await host.GrantAsync(user, typeId);
        return (user, typeId);
    }

    private static AdminIdentity Session(AdminUser user) => new(AdminIdentity.Session, user.Username, user.Role, user.Id, LegacyAuthority: false, SessionId: 1);

    [Fact]
    public async Task AnAdminWithGrants_IsLimitedToThem()
    {
        var (user, typeId) = await AccountWithGrantAsync(AdminRole.Admin);
        var scope = await ScopeOfAsync(Session(user));
        scope.IsEverything.Should().BeFalse();
        scope.Granted.Should().BeEquivalentTo([typeId]);
        scope.Allows(typeId).Should().BeTrue();
        scope.Allows(typeId + 1000).Should().BeFalse();
    }

    [Fact]
    public async Task AnAdminWithoutGrants_SeesEverything()
    {
        var user = await AccessFixtures.AddUserAsync(host.Factory, "free-" + Guid.NewGuid().ToString("N")[..6], AdminRole.Admin);
        (await ScopeOfAsync(Session(user))).IsEverything.Should().BeTrue();
    }

    [Fact]
    public async Task ATokenActsWithItsCreatorsGrants_WhateverItsOwnRole()
    {
        var (user, typeId) = await AccountWithGrantAsync(AdminRole.Admin);
        var token = new AdminIdentity(AdminIdentity.Token, "cmdb", AdminRole.Helpdesk, user.Id, LegacyAuthority: false, TokenId: 5);
        (await ScopeOfAsync(token)).Granted.Should().BeEquivalentTo([typeId]);
    }

    [Theory]
    [InlineData(AdminRole.Superadmin)]
    [InlineData(AdminRole.Approver)]
    [InlineData(AdminRole.Auditor)]
    [InlineData(AdminRole.Helpdesk)]
    public async Task OtherRoles_SeeEverything_EvenWithGrantRows(AdminRole role)
    {
        var (user, _) = await AccountWithGrantAsync(role);
        (await ScopeOfAsync(Session(user))).IsEverything.Should().BeTrue();
    }

    [Fact]
    public async Task TheLegacyKey_SeesEverything()
    {
        var legacy = new AdminIdentity(AdminIdentity.LegacyKey, AdminIdentity.LegacyKey, AdminRole.Superadmin, null, LegacyAuthority: true);
        (await ScopeOfAsync(legacy)).IsEverything.Should().BeTrue();
    }

    [Fact]
    public async Task SomeoneWhoIsNoAdministrator_SeesNothing()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var scopes = scope.ServiceProvider.GetRequiredService<AssetTypeScopes>();
        var nobody = await scopes.ForAsync(new ClaimsPrincipal(new ClaimsIdentity()), CancellationToken.None);
        nobody.IsEverything.Should().BeFalse();
        nobody.Allows(1).Should().BeFalse();

        var deleted = new AdminIdentity(AdminIdentity.Session, "ghost", AdminRole.Admin, 987654, LegacyAuthority: false, SessionId: 1);
        (await scopes.ForAsync(deleted, CancellationToken.None)).Allows(1).Should().BeFalse();
    }
}
