using IpSolis.Domain.Access;

namespace IpSolis.Domain.Tests.Access;

public sealed class AdminAccountRulesTests
{
    private static readonly AdminAccount Super1 = new(1, AdminRole.Superadmin, true);
    private static readonly AdminAccount Admin2 = new(2, AdminRole.Admin, true);

    [Fact]
    public void NobodyDemotesOrDeactivatesThemselves()
    {
        AdminAccountRules.CheckChange(2, Admin2, AdminRole.Helpdesk, true, activeSuperadmins: 3)!.Code.Should().Be("admin_user.self_demotion");
        AdminAccountRules.CheckChange(2, Admin2, AdminRole.Admin, false, activeSuperadmins: 3)!.Code.Should().Be("admin_user.self_deactivation");
        AdminAccountRules.CheckDelete(2, Admin2, activeSuperadmins: 3)!.Code.Should().Be("admin_user.self_deletion");
    }

    [Fact]
    public void RaisingOrKeepingOnesOwnRole_IsNotADemotion() =>
        AdminAccountRules.CheckChange(2, Admin2, AdminRole.Admin, true, activeSuperadmins: 1).Should().BeNull();

    [Fact]
    public void TheLastActiveSuperadmin_CannotBeDemotedDeactivatedOrDeleted()
    {
        AdminAccountRules.CheckChange(null, Super1, AdminRole.Admin, true, activeSuperadmins: 1)!.Code.Should().Be("admin_user.last_superadmin");
        AdminAccountRules.CheckChange(7, Super1, AdminRole.Superadmin, false, activeSuperadmins: 1)!.Code.Should().Be("admin_user.last_superadmin");
        AdminAccountRules.CheckDelete(7, Super1, activeSuperadmins: 1)!.Code.Should().Be("admin_user.last_superadmin");
    }

    [Fact]
    public void ASuperadmin_CanBeDemoted_WhenAnotherActiveOneRemains()
    {
        AdminAccountRules.CheckChange(7, Super1, AdminRole.Admin, true, activeSuperadmins: 2).Should().BeNull();
        AdminAccountRules.CheckDelete(7, Super1, activeSuperadmins: 2).Should().BeNull();
    }

    [Fact]
    public void AnInactiveSuperadmin_IsNotTheLastOne() =>
        AdminAccountRules.CheckDelete(7, Super1 with { IsActive = false }, activeSuperadmins: 1).Should().BeNull();
}
