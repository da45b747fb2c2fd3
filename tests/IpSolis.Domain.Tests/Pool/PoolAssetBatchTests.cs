using IpSolis.Domain.Pool;

namespace IpSolis.Domain.Tests.Pool;

public sealed class PoolAssetBatchTests
{
    [Fact]
    public void Names_ArePrefixPlusZeroPaddedNumbers()
    {
        var names = PoolAssetBatch.Names("VDI-", 1, 20, 3).Value;

        names.Should().HaveCount(20);
        names[0].Should().Be("VDI-001");
        names[^1].Should().Be("VDI-020");
    }

    [Fact]
    public void Names_WithoutPadding_AndNumbersWiderThanThePadding_AreNotCut()
    {
        PoolAssetBatch.Names("PC", 9, 3, 0).Value.Should().Equal("PC9", "PC10", "PC11");
        PoolAssetBatch.Names("PC", 998, 3, 2).Value.Should().Equal("PC998", "PC999", "PC1000");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Count_OutsideOneToAThousand_IsRefused(int count) =>
        PoolAssetBatch.Names("VDI-", 1, count, 3).Errors.Should().ContainSingle().Which.Field.Should().Be("count");

    [Fact]
    public void Count_OfExactlyAThousand_IsAllowed() =>
        PoolAssetBatch.Names("VDI-", 1, 1000, 4).Value.Should().HaveCount(1000).And.OnlyHaveUniqueItems();

    [Theory]
    [InlineData(null, 1, 3, "prefix")]
    [InlineData("  ", 1, 3, "prefix")]
    [InlineData("A\tB", 1, 3, "prefix")]
    [InlineData("VDI-", -1, 3, "start")]
    [InlineData("VDI-", 1, -1, "padding")]
    [InlineData("VDI-", 1, 13, "padding")]
    public void BadInput_NamesTheField(string? prefix, long start, int padding, string field) =>
        PoolAssetBatch.Names(prefix, start, 5, padding).Errors.Should().ContainSingle().Which.Field.Should().Be(field);

    [Fact]
    public void EveryProblem_IsReportedAtOnce() =>
        PoolAssetBatch.Names("", -5, 0, 99).Errors.Select(e => e.Field).Should().BeEquivalentTo(["prefix", "start", "count", "padding"]);
}
