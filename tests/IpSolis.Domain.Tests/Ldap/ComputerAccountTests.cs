using IpSolis.Domain.Ldap;

namespace IpSolis.Domain.Tests.Ldap;

public sealed class ComputerAccountTests
{
    [Theory]
    [InlineData("PC-0001")]
    [InlineData("vdi42")]
    [InlineData("A")]
    [InlineData("ABCDEFGHIJKLMNO")]
    public void CheckName_WindowsComputerName_IsAccepted(string name) => ComputerAccount.CheckName(name).Should().BeNull();

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("ABCDEFGHIJKLMNOP")]
    [InlineData("pc1,ou=admins")]
    [InlineData("pc*")]
    [InlineData("pc 1")]
    [InlineData("pc1$")]
    [InlineData("-pc1")]
    [InlineData("pc1-")]
    [InlineData("12345")]
    [InlineData("pc\u00e9")]
    public void CheckName_AnythingElse_IsRefusedAsTheNameParameter(string? name)
    {
        var error = ComputerAccount.CheckName(name);

        error.Should().NotBeNull();
        error!.Code.Should().Be("directory_computer.name_invalid");
        error.Field.Should().Be("Name");
    }

    [Fact]
    public void Dn_PutsTheNameInOneEscapedRdnUnderTheOu() =>
        ComputerAccount.Dn("PC-1", "ou=computers,dc=example,dc=com").Should().Be("cn=PC-1,ou=computers,dc=example,dc=com");

    [Fact]
    public void Target_ByNameAndOu_BuildsTheDn() =>
        ComputerAccount.Target(null, " PC-1 ", "ou=computers,dc=example,dc=com").Value.Should().Be("cn=PC-1,ou=computers,dc=example,dc=com");

    [Fact]
    public void Target_ByDn_TakesItAsGiven() =>
        ComputerAccount.Target(@"cn=PC\, 1,ou=computers,dc=example,dc=com", "", "").Value.Should().Be(@"cn=PC\, 1,ou=computers,dc=example,dc=com");

    [Theory]
    [InlineData("cn=PC-1,ou=c,dc=x", "PC-1", null, "directory_computer.target_ambiguous")]
    [InlineData(null, null, null, "directory_computer.target_missing")]
    [InlineData("not a dn", null, null, "directory_computer.dn_invalid")]
    [InlineData(null, "PC-1", null, "directory_computer.ou_invalid")]
    [InlineData(null, "PC-1", "computers", "directory_computer.ou_invalid")]
    [InlineData(null, "pc1,ou=admins", "ou=c,dc=x", "directory_computer.name_invalid")]
    [InlineData(null, null, "ou=c,dc=x", "directory_computer.name_invalid")]
    public void Target_IncompleteOrMixedOrInvalid_IsRefusedSpecifically(string? dn, string? name, string? ou, string code) =>
        ComputerAccount.Target(dn, name, ou).Errors.Single().Code.Should().Be(code);

    [Fact]
    public void InitialControl_IsAWorkstationTrustAccount_DisabledOnRequest()
    {
        ComputerAccount.InitialControl(disabled: true).Should().Be(4098);
        ComputerAccount.InitialControl(disabled: false).Should().Be(4096);
    }

    [Theory]
    [InlineData(4096, 4098)]
    [InlineData(4098, 4098)]
    [InlineData(0x10000 | 0x1000 | 0x20, 0x10000 | 0x1000 | 0x20 | 0x2)]
    [InlineData(0, 2)]
    public void Disable_SetsAccountDisable_AndKeepsEveryOtherBit(long flags, long expected)
    {
        ComputerAccount.Disable(flags).Should().Be(expected);
        ComputerAccount.IsDisabled(ComputerAccount.Disable(flags)).Should().BeTrue();
    }

    [Fact]
    public void IsDisabled_ReadsOnlyTheAccountDisableBit()
    {
        ComputerAccount.IsDisabled(4096).Should().BeFalse();
        ComputerAccount.IsDisabled(4098).Should().BeTrue();
        ComputerAccount.IsDisabled(0x1000 | 0x1).Should().BeFalse();
    }

    [Fact]
    public void AccountName_AppendsTheDollarSign() => ComputerAccount.AccountName("PC-1").Should().Be("PC-1$");

    [Theory]
    [InlineData("top,device", new[] { "top", "device" })]
    [InlineData(" top , person,organizationalPerson,user,computer,computer ", new[] { "top", "person", "organizationalPerson", "user", "computer" })]
    public void ParseClasses_TrimsAndDropsDuplicates(string text, string[] expected) => ComputerAccount.ParseClasses(text).Should().Equal(expected);

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("top,(objectClass=*)")]
    [InlineData("top;binary")]
    public void ParseClasses_NotAListOfNames_IsNull(string text) => ComputerAccount.ParseClasses(text).Should().BeNull();

    [Fact]
    public void HasAccountAttributes_WhenTheListHasComputer()
    {
        ComputerAccount.HasAccountAttributes(ComputerAccount.ActiveDirectoryClasses).Should().BeTrue();
        ComputerAccount.HasAccountAttributes(["top", "device"]).Should().BeFalse();
    }
}
