using IpSolis.Domain.Pool;

namespace IpSolis.Domain.Tests.Pool;

public sealed class PoolAssetMetadataTests
{
    private static KeyValuePair<string, string?> Pair(string key, string? value) => new(key, value);

    [Fact]
    public void ValidPairs_AreKept_WithTrimmedValues()
    {
        var result = PoolAssetMetadata.Check([Pair("mac_address", " 00:11:22:33:44:55 "), Pair("site.room-2", "B")]);

        result.Value.Should().BeEquivalentTo(new Dictionary<string, string> { ["mac_address"] = "00:11:22:33:44:55", ["site.room-2"] = "B" });
    }

    [Theory]
    [InlineData("")]
    [InlineData("_leading")]
    [InlineData("has space")]
    [InlineData("umlaut-ä")]
    [InlineData("semi;colon")]
    public void BadKeys_AreRefused_NamingTheKey(string key) =>
        PoolAssetMetadata.Check([Pair(key, "x")]).Errors.Should().ContainSingle().Which.Code.Should().Be("pool_asset.metadata_key");

    [Fact]
    public void KeyLength_IsLimited()
    {
        PoolAssetMetadata.IsValidKey(new string('k', PoolAssetMetadata.MaxKeyLength)).Should().BeTrue();
        PoolAssetMetadata.IsValidKey(new string('k', PoolAssetMetadata.MaxKeyLength + 1)).Should().BeFalse();
    }

    [Fact]
    public void LongValues_AndControlCharacters_AreRefused()
    {
        PoolAssetMetadata.Check([Pair("a", new string('v', PoolAssetMetadata.MaxValueLength + 1))]).Errors.Single().Code.Should().Be("pool_asset.metadata_value");
        PoolAssetMetadata.Check([Pair("a", "x\ny")]).Errors.Single().Message.Should().Contain("'a'");
    }

    [Fact]
    public void TooManyKeys_OrTooMuchText_IsRefused()
    {
        var many = Enumerable.Range(0, PoolAssetMetadata.MaxKeys + 1).Select(i => Pair($"k{i}", "v"));
        PoolAssetMetadata.Check(many).Errors.Single().Code.Should().Be("pool_asset.metadata_size");

        var big = Enumerable.Range(0, 20).Select(i => Pair($"k{i}", new string('v', 900)));
        PoolAssetMetadata.Check(big).Errors.Single().Message.Should().Contain("16,000");
    }

    [Fact]
    public void Parse_ReadsKeyValueLines_AndNamesABadLine()
    {
        PoolAssetMetadata.Parse("serial=ABC\r\n\r\nurl=https://x.example/?a=b\n").Value
            .Should().BeEquivalentTo(new Dictionary<string, string> { ["serial"] = "ABC", ["url"] = "https://x.example/?a=b" });

        PoolAssetMetadata.Parse("serial=ABC\nno equals sign").Errors.Single().Message.Should().StartWith("Line 2 ");
    }

    [Fact]
    public void Format_AndParse_RoundTrip()
    {
        var metadata = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1=one" };

        var text = PoolAssetMetadata.Format(metadata);

        text.Should().Be("a=1=one\nb=2\n");
        PoolAssetMetadata.Parse(text).Value.Should().BeEquivalentTo(metadata);
    }

    [Fact]
    public void DuplicateKeys_AreRefused() =>
        PoolAssetMetadata.Parse("a=1\na=2").Errors.Single().Message.Should().Contain("twice");
}
