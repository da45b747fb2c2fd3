using IpSolis.Domain.Notifications;

namespace IpSolis.Domain.Tests.Notifications;

public sealed class TemplatePlaceholdersTests
{
    private static readonly string[] Allowed = ["requester_name", "approval_url", "justification"];

    [Fact]
    public void Check_AcceptsDeclaredVariables_AndIfBlocks()
    {
        TemplatePlaceholders.Check("<p>{{requester_name}}</p>{{#if justification}}<p>{{ justification }}</p>{{else}}-{{/if}}<a href=\"{{approval_url}}\">x</a>", Allowed, "body")
            .Should().BeEmpty();
    }

    [Theory]
    [InlineData("{{{requester_name}}}")]
    [InlineData("{{&requester_name}}")]
    [InlineData("{{~& requester_name}}")]
    public void Check_RefusesExpressionsThatSwitchEscapingOff(string text)
    {
        TemplatePlaceholders.Check(text, Allowed, "body").Should().Contain(e => e.Code == "template.unescaped" && e.Field == "body");
    }

    [Fact]
    public void Check_NamesAnUnknownVariable()
    {
        var error = TemplatePlaceholders.Check("Hi {{requester_nmae}}", Allowed, "subject").Should().ContainSingle().Subject;
        error.Code.Should().Be("template.unknown_variable");
        error.Message.Should().Contain("{{requester_nmae}}");
        error.Field.Should().Be("subject");
    }

    [Theory]
    [InlineData("{{> partial}}")]
    [InlineData("{{#each requester_name}}x{{/each}}")]
    [InlineData("{{#with requester_name}}x{{/with}}")]
    public void Check_RefusesPartialsAndOtherBlocks(string text)
    {
        TemplatePlaceholders.Check(text, Allowed, "body").Should().Contain(e => e.Code == "template.unsupported");
    }

    [Fact]
    public void Check_AcceptsAnIfBlockOnlyOverADeclaredVariable()
    {
        TemplatePlaceholders.Check("{{#if secret_thing}}x{{/if}}", Allowed, "body").Should().Contain(e => e.Code == "template.unknown_variable");
    }

    [Fact]
    public void Used_ListsEachVariableOnce_InOrder()
    {
        TemplatePlaceholders.Used("{{approval_url}} {{#if justification}}{{justification}}{{/if}} {{approval_url}}")
            .Should().Equal("approval_url", "justification");
    }
}
