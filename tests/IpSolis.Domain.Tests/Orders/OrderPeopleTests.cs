using IpSolis.Domain.Orders;

namespace IpSolis.Domain.Tests.Orders;

public sealed class OrderPeopleTests
{
    [Theory]
    [InlineData("Ann.Smith@Example.COM", "ann.smith@example.com")]
    [InlineData("  bob@example.com ", "bob@example.com")]
    public void CheckEmail_Valid_IsLowerCasedAndTrimmed(string email, string expected)
    {
        OrderPeople.CheckEmail(email, "requesterEmail").Value.Should().Be(expected);
    }

    [Theory]
    [InlineData(null, "order.email_required")]
    [InlineData("", "order.email_required")]
    [InlineData("bob", "order.email_invalid")]
    [InlineData("bob@", "order.email_invalid")]
    [InlineData("@example.com", "order.email_invalid")]
    [InlineData("bob smith@example.com", "order.email_invalid")]
    [InlineData("a@b@example.com", "order.email_invalid")]
    [InlineData("Bob <bob@example.com>", "order.email_invalid")]
    public void CheckEmail_Invalid_NamesTheField(string? email, string code)
    {
        var result = OrderPeople.CheckEmail(email, "ownerEmail");

        result.Errors.Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == code && e.Field == "ownerEmail");
    }

    [Fact]
    public void CheckList_NormalizesAndDeduplicates()
    {
        OrderPeople.CheckList([" Ann@Example.com", "ann@example.com", "", "jdoe"], allowed: true, "rdpUsers").Value
            .Should().Equal("ann@example.com", "jdoe");
    }

    [Fact]
    public void CheckList_NotAllowedButGiven_IsRefused()
    {
        OrderPeople.CheckList(["ann@example.com"], allowed: false, "adminUsers").Errors
            .Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == "order.list_not_allowed" && e.Field == "adminUsers");
    }

    [Fact]
    public void CheckList_NotAllowedAndEmpty_IsFine()
    {
        OrderPeople.CheckList(["", " "], allowed: false, "rdpUsers").Value.Should().BeEmpty();
        OrderPeople.CheckList(null, allowed: false, "rdpUsers").Value.Should().BeEmpty();
    }

    [Fact]
    public void CheckList_TooMany_IsRefused()
    {
        var people = Enumerable.Range(1, OrderPeople.MaxListLength + 1).Select(i => $"user{i}").ToList();

        OrderPeople.CheckList(people, true, "rdpUsers").Errors.Should().ContainSingle().Which.Code.Should().Be("order.list_too_long");
        OrderPeople.CheckList(people.Take(OrderPeople.MaxListLength).ToList(), true, "rdpUsers").Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("not an@email")]
    [InlineData("semi;colon")]
    [InlineData("bad@")]
    public void CheckList_BadEntry_IsNamed(string entry)
    {
        var result = OrderPeople.CheckList([entry], true, "rdpUsers");

        result.Errors.Should().ContainSingle().Which.Code.Should().Be("order.list_entry_invalid");
        result.Errors[0].Message.Should().Contain(entry);
    }
}
