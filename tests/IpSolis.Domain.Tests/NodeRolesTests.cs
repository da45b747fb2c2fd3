using IpSolis.Domain;

namespace IpSolis.Domain.Tests;

public sealed class NodeRolesTests
{
    [Theory]
    [InlineData("web", NodeRole.Web)]
    [InlineData("web,worker,scheduler", NodeRole.All)]
    [InlineData(" Worker , scheduler ", NodeRole.Worker | NodeRole.Scheduler)]
    [InlineData("web,web", NodeRole.Web)]
    public void Parse_AcceptsAnySubsetOfRoles(string text, NodeRole expected)
    {
        var result = NodeRoles.Parse(text);

        result.Succeeded.Should().BeTrue();
        result.Value.Should().Be(expected);
    }

    [Theory]
    [InlineData("", "roles.empty")]
    [InlineData(" , ", "roles.empty")]
    [InlineData("web,mailer", "roles.unknown")]
    public void Parse_RejectsEmptyOrUnknownRoles_NamingTheOption(string text, string code)
    {
        var result = NodeRoles.Parse(text);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().ContainSingle().Which.Should().Match<DomainError>(e => e.Code == code && e.Field == "--roles");
    }

    [Fact]
    public void Format_ListsRolesInCanonicalOrder() =>
        NodeRoles.Format(NodeRole.Scheduler | NodeRole.Web).Should().Be("web,scheduler");

    [Fact]
    public void Failure_WithoutErrors_IsRefused()
    {
        var act = () => Result<int>.Failure();

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Value_OfAFailure_ThrowsWithTheMessages()
    {
        Result<int> result = new DomainError("x", "the reason");

        var act = () => result.Value;

        act.Should().Throw<InvalidOperationException>().WithMessage("*the reason*");
    }
}
