using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Orders;

public sealed class AssetNamePatternTests
{
    [Theory]
    [InlineData("VDI-{sam}", "jdoe", "VDI-jdoe")]
    [InlineData("VDI-{SAM}", "jdoe", "VDI-jdoe")]
    [InlineData("LAPTOP-{id}", null, "LAPTOP-42")]
    [InlineData("{type}-{email}", null, "Dev-VM-ann.smith")]
    [InlineData("VDI-{sam}", null, "VDI-ann.smith")]
    public void Render_ReplacesTokens(string pattern, string? username, string expected)
    {
        AssetNamePattern.Render(pattern, 42, "ann.smith@example.com", username, "Dev VM").Should().Be(expected);
    }

    [Fact]
    public void Render_WithoutPattern_UsesTypeAndOrder()
    {
        AssetNamePattern.Render(null, 7, "a@example.com", null, "Laptop").Should().Be("Laptop-7");
    }

    [Fact]
    public void Render_PatternWithoutPerOrderToken_GetsTheOrderId()
    {
        AssetNamePattern.Render("JUMP", 7, "a@example.com", null, "Jump").Should().Be("JUMP-7");
    }

    [Fact]
    public void Render_UnsafeCharacters_BecomeDashes()
    {
        AssetNamePattern.Render("VDI {sam}/x", 1, "a@example.com", "dom\\jdoe", "T").Should().Be("VDI-dom-jdoe-x");
    }

    [Fact]
    public void Candidate_AddsACounterAndKeepsTheLengthLimit()
    {
        AssetNamePattern.Candidate("VDI-jdoe", 1).Should().Be("VDI-jdoe");
        AssetNamePattern.Candidate("VDI-jdoe", 3).Should().Be("VDI-jdoe-3");
        var longName = new string('x', AssetNamePattern.MaxLength);
        AssetNamePattern.Candidate(longName, 12).Should().HaveLength(AssetNamePattern.MaxLength).And.EndWith("-12");
    }
}
