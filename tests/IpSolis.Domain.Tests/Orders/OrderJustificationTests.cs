using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Orders;

public sealed class OrderJustificationTests
{
    [Fact]
    public void Check_NotCollected_DropsWhateverWasSent()
    {
        var result = OrderJustification.Check(collect: false, required: true, "because");

        result.Succeeded.Should().BeTrue();
        result.Value.Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Check_RequiredAndMissing_NamesTheField(string? text)
    {
        var result = OrderJustification.Check(collect: true, required: true, text);

        result.Errors.Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == "order.justification_required" && e.Field == "justification");
    }

    [Fact]
    public void Check_OptionalAndMissing_StoresNothing()
    {
        OrderJustification.Check(collect: true, required: false, "  ").Value.Should().BeNull();
    }

    [Fact]
    public void Check_Given_IsTrimmed()
    {
        OrderJustification.Check(collect: true, required: true, "  project X \n").Value.Should().Be("project X");
    }

    [Fact]
    public void Check_TooLong_IsRefused()
    {
        OrderJustification.Check(true, false, new string('a', OrderJustification.MaxLength)).Succeeded.Should().BeTrue();
        OrderJustification.Check(true, false, new string('a', OrderJustification.MaxLength + 1)).Errors
            .Should().ContainSingle().Which.Code.Should().Be("order.justification_too_long");
    }
}
