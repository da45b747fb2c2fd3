using IpSolis.Domain.Access;

namespace IpSolis.Domain.Tests.Access;

public sealed class PasswordPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ShortPasswords_AreRefused_AndTwelveIsTheFloorEvenWhenConfiguredLower()
    {
        var lax = new PasswordPolicy(MinimumLength: 4, RotationDays: 0, LockoutThreshold: 0, LockoutDuration: TimeSpan.Zero);
        lax.Check("elevenchars").Should().NotBeNull().And.Match<DomainError>(e => e.Code == "password.too_short");
        lax.Check("twelve chars").Should().BeNull();
    }

    [Fact]
    public void ALongerConfiguredMinimum_Applies()
    {
        var strict = PasswordPolicy.Default with { MinimumLength = 16 };
        strict.Check("fifteen chars!!").Should().NotBeNull();
        strict.Check("sixteen chars!!!").Should().BeNull();
    }

    [Fact]
    public void Confirmation_MustMatch() =>
        PasswordPolicy.Default.Check("correct horse battery", "correct horse batterY")!.Code.Should().Be("password.mismatch");

    [Fact]
    public void BlankPasswords_AreRefused() =>
        PasswordPolicy.Default.Check(new string(' ', 20))!.Code.Should().Be("password.blank");

    [Fact]
    public void Rotation_IsDueAfterTheConfiguredDays_AndNeverWhenOff()
    {
        var policy = PasswordPolicy.Default with { RotationDays = 90 };
        policy.RotationDue(Now.AddDays(-89), Now).Should().BeFalse();
        policy.RotationDue(Now.AddDays(-90), Now).Should().BeTrue();
        (policy with { RotationDays = 0 }).RotationDue(Now.AddYears(-5), Now).Should().BeFalse();
    }

    [Fact]
    public void Lockout_StartsAtTheThreshold_AndEndsAfterTheDuration()
    {
        var policy = new PasswordPolicy(12, 0, LockoutThreshold: 3, LockoutDuration: TimeSpan.FromMinutes(15));
        policy.Locks(2).Should().BeFalse();
        policy.Locks(3).Should().BeTrue();
        policy.UnlocksAt(Now).Should().Be(Now.AddMinutes(15));
        (policy with { LockoutThreshold = 0 }).Locks(1000).Should().BeFalse();
    }
}
