using IpSolis.Domain.Pool;

namespace IpSolis.Domain.Tests.Pool;

public sealed class PoolImportColumnsTests
{
    [Fact]
    public void Header_MapsEveryColumn_CaseInsensitively()
    {
        var columns = PoolImportColumns.Read(["\uFEFFName", " ASSET_TYPE ", "notes", "meta.mac_address", "Status", "meta.serial"]).Value;

        columns.Name.Should().Be(0);
        columns.AssetType.Should().Be(1);
        columns.Notes.Should().Be(2);
        columns.Status.Should().Be(4);
        columns.Metadata.Should().Equal(("mac_address", 3), ("serial", 5));
        columns.Count.Should().Be(6);
    }

    [Fact]
    public void OptionalColumns_MayBeLeftOut()
    {
        var columns = PoolImportColumns.Read(["asset_type", "name"]).Value;

        columns.Status.Should().BeNull();
        columns.Notes.Should().BeNull();
        columns.Metadata.Should().BeEmpty();
    }

    [Theory]
    [InlineData(new[] { "name", "notes" }, "'asset_type'")]
    [InlineData(new[] { "asset_type" }, "'name'")]
    [InlineData(new[] { "hostname", "type" }, "Unknown column 'hostname'")]
    [InlineData(new[] { "name", "asset_type", "Name" }, "appears twice")]
    [InlineData(new[] { "name", "asset_type", "meta.bad key" }, "'meta.bad key'")]
    [InlineData(new[] { "name", "asset_type", "" }, "Column 3")]
    public void BadHeaders_AreRefused_NamingTheColumn(string[] header, string named)
    {
        var error = PoolImportColumns.Read(header).Errors.Single();

        error.Code.Should().Be("pool_import.header");
        error.Field.Should().Be("file");
        error.Message.Should().Contain(named);
    }

    [Fact]
    public void MissingBothRequiredColumns_NamesBoth() =>
        PoolImportColumns.Read(["notes"]).Errors.Single().Message.Should().Contain("'name' and 'asset_type'");
}
