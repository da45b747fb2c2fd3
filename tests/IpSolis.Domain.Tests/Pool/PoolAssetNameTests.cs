using IpSolis.Domain.Pool;

namespace IpSolis.Domain.Tests.Pool;

public sealed class PoolAssetNameTests
{
    [Theory]
    [InlineData("VDI-001", "VDI-001")]
    [InlineData("  vm-42.corp.example  ", "vm-42.corp.example")]
    [InlineData("Laptop Ä 7", "Laptop Ä 7")]
    public void ValidNames_AreTrimmed(string input, string stored) => PoolAssetName.Check(input).Value.Should().Be(stored);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two\nlines")]
    [InlineData("tab\there")]
    public void EmptyOrControlCharacterNames_AreRefused(string? input) =>
        PoolAssetName.Check(input).Errors.Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == "pool_asset.name" && e.Field == "name");

    [Fact]
    public void LengthLimit_IsInclusive()
    {
        PoolAssetName.Check(new string('a', PoolAssetName.MaxLength)).Succeeded.Should().BeTrue();
        PoolAssetName.Check(new string('a', PoolAssetName.MaxLength + 1)).Succeeded.Should().BeFalse();
    }
}
