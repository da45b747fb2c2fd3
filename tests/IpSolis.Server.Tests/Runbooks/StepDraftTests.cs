using IpSolis.Server.Features.Runbooks;

namespace IpSolis.Server.Tests.Runbooks;

/// <summary>How the step editor's bindings become stored templates and read back, and what a step may read where.</summary>
public sealed class StepDraftTests
{
    [Theory]
    [InlineData("literal", "plain text", "plain text")]
    [InlineData("literal", "keeps {{braces}} as text", "keeps {{{{braces}} as text")]
    [InlineData("variable", "{{steps.reserve.asset_id}}", "{{steps.reserve.asset_id}}")]
    [InlineData("variable", " steps.reserve.asset_id ", "{{steps.reserve.asset_id}}")]
    [InlineData("variable", "  ", "")]
    [InlineData("template", "vm-{{order.id}}", "vm-{{order.id}}")]
    public void Store_WritesTheTemplateOfEachBinding(string binding, string value, string template) =>
        StepDraft.Store(binding, value).Should().Be(template);

    [Theory]
    [InlineData("plain text", "literal", "plain text")]
    [InlineData("keeps {{{{braces}} as text", "literal", "keeps {{braces}} as text")]
    [InlineData("{{steps.reserve.asset_id}}", "variable", "{{steps.reserve.asset_id}}")]
    [InlineData("vm-{{order.id}}", "template", "vm-{{order.id}}")]
    [InlineData("{{unclosed", "template", "{{unclosed")]
    public void Show_ReadsATemplateInTheBindingThatWroteIt(string template, string binding, string value)
    {
        StepDraft.Show(template).Should().Be((binding, value));
        if (binding != "template")
            StepDraft.Store(binding, value).Should().Be(template, "showing and storing again changes nothing");
    }

    [Fact]
    public void Vocabulary_OffersOnlyEarlierSteps_AndRefusesUnknownValuesByName()
    {
        var vocabulary = new TemplateVocabulary(standalone: false, ["base_url"],
            [new StepOutputs("reserve", ["asset_id", "asset_name"]), new StepOutputs("script", null), new StepOutputs("later", ["x"])]);

        string[] expected =
        [
            "{{steps.reserve.asset_id}}", "{{steps.reserve.asset_name}}", .. TemplateVocabulary.OrderKeys.Select(k => $"{{{{order.{k}}}}}"),
            "{{asset.id}}", "{{asset.name}}", "{{asset.status}}", "{{vars.base_url}}",
        ];
        vocabulary.SuggestionsFor(1).Should().Equal(expected);
        vocabulary.SuggestionsFor(2).Should().NotContain(s => s.Contains("later", StringComparison.Ordinal));
        vocabulary.Problem("steps.reserve.asset_id", 1).Should().BeNull();
        vocabulary.Problem("steps.script.anything", 2).Should().BeNull("a script without declared outputs may output any key");
        vocabulary.Problem("steps.reserve.nope", 1).Should().Be("{{steps.reserve.nope}}: step 'reserve' outputs asset_id, asset_name.");
        vocabulary.Problem("steps.later.x", 1).Should().Contain("does not run before this one");
        vocabulary.Problem("vars.missing", 0).Should().Contain("names no global variable");
        vocabulary.Problem("order.nope", 0).Should().Contain("is not a value of the order");
        new TemplateVocabulary(standalone: true, [], []).Problem("order.id", 0).Should().Contain("standalone runbook runs without an order");
    }
}
