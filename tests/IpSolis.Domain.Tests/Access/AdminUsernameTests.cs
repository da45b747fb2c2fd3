using IpSolis.Domain.Access;

namespace IpSolis.Domain.Tests.Access;

public sealed class AdminUsernameTests
{
    [Theory]
    [InlineData("Alice", "alice")]
    [InlineData("  ops.admin@example.org ", "ops.admin@example.org")]
    [InlineData("a_b-c", "a_b-c")]
    public void ValidNames_AreStoredInLowerCase(string input, string stored) =>
        AdminUsername.Normalize(input).Value.Should().Be(stored);

    [Theory]
    [InlineData(null, "username.length")]
    [InlineData("ab", "username.length")]
    [InlineData("has space", "username.characters")]
    [InlineData("émile", "username.characters")]
    [InlineData("semi;colon", "username.characters")]
    public void InvalidNames_AreRefusedWithTheReason(string? input, string code) =>
        AdminUsername.Normalize(input).Errors.Should().ContainSingle().Which.Code.Should().Be(code);

    [Fact]
    public void LengthLimits_AreInclusive()
    {
        AdminUsername.Normalize(new string('a', 128)).Succeeded.Should().BeTrue();
        AdminUsername.Normalize(new string('a', 129)).Succeeded.Should().BeFalse();
        AdminUsername.Normalize("abc").Succeeded.Should().BeTrue();
    }
}
